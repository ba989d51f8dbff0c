// The sample's page: plain JavaScript on the application's Dify-shaped API under /api/apps/{app}/.
// Streams are read from fetch() (EventSource cannot POST) and parsed as server-sent events.
'use strict';

const $ = (id) => document.getElementById(id);

const state = {
  apps: [],
  app: null,            // {name, type}
  parameters: null,     // the app's /parameters
  conversationId: null, // the open conversation, or null for a new one
  running: null,        // {controller, taskId, stopPath} while a stream is open
};

// ---- HTTP

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : '';
}

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(path, { method = 'GET', json, signal } = {}) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json, text/event-stream' };
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = csrfToken();
  }
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const response = await fetch(path, { method, headers, body, signal, credentials: 'same-origin' });
  if (response.status === 401) {
    window.location.href = '/login';
    throw new ApiError(401, { message: 'Signed out' });
  }
  if (!response.ok) {
    let error = null;
    try {
      error = await response.json();
    } catch (ignored) {
      // not JSON
    }
    throw new ApiError(response.status, error);
  }
  return response;
}

const appPath = (suffix) => `/api/apps/${encodeURIComponent(state.app.name)}/${suffix}`;

// Yields {type, data} for each server-sent event of a response; comments (heartbeats) are skipped.
async function* serverSentEvents(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const event = parseEvent(block);
      if (event) {
        yield event;
      }
    }
  }
}

function parseEvent(block) {
  let type = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      type = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  return data.length ? { type, data: JSON.parse(data.join('\n')) } : null;
}

// ---- page helpers

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') {
      node.className = value;
    } else if (key.startsWith('on')) {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node[key] = value;
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child);
    }
  }
  return node;
}

let toastTimer;
function toast(message) {
  const box = $('toast');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 5000);
}

function setRunning(running) {
  state.running = running;
  const busy = running !== null;
  $('send').disabled = busy;
  $('stop').hidden = !busy;
  $('run').disabled = busy;
  $('run-stop').hidden = !busy;
}

async function stopRunning() {
  const running = state.running;
  if (!running) {
    return;
  }
  if (running.taskId) {
    // Dify stops the task and ends the stream itself.
    try {
      await api(appPath(running.stopPath(running.taskId)), { method: 'POST', json: {} });
    } catch (error) {
      toast(`Could not stop: ${error.message}`);
    }
  } else {
    // No task yet: leaving the stream makes the server cancel it.
    running.controller.abort();
  }
}

function abortRunning() {
  if (state.running) {
    state.running.controller.abort();
  }
}

// ---- apps

async function loadApps() {
  const [apps, me] = await Promise.all([
    api('/api/apps').then((response) => response.json()),
    api('/api/me').then((response) => response.json()),
  ]);
  state.apps = apps;
  $('user-name').textContent = `Signed in as ${me.name}`;
  const select = $('app-select');
  select.replaceChildren(...apps.map((app) => el('option', { value: app.name, textContent: app.name })));
  if (apps.length) {
    await selectApp(apps[0].name);
  }
}

function isChat(type) {
  return type === 'chat' || type === 'agent' || type === 'chatflow';
}

// While an app loads, nothing can be sent: its parameters decide what the page shows.
function setLoading(loading) {
  document.body.dataset.ready = String(!loading);
  $('send').disabled = loading;
  $('run').disabled = loading;
}

async function selectApp(name) {
  abortRunning();
  setLoading(true);
  state.app = state.apps.find((app) => app.name === name);
  state.conversationId = null;
  $('app-select').value = name;
  $('app-type').textContent = state.app.type;
  const chat = isChat(state.app.type);
  $('chat-view').hidden = !chat;
  $('sidebar').hidden = !chat;
  $('run-view').hidden = chat;
  state.parameters = null;
  try {
    state.parameters = await (await api(appPath('parameters'))).json();
  } catch (error) {
    toast(`Could not read the app's parameters: ${error.message}`);
  }
  if (chat) {
    newChat();
    await refreshConversations();
  } else {
    await showRunForm();
  }
  setLoading(false);
}

// ---- chat

function newChat() {
  abortRunning();
  state.conversationId = null;
  const messages = $('messages');
  messages.replaceChildren();
  const parameters = state.parameters || {};
  if (parameters.opening_statement) {
    messages.append(el('div', { class: 'message assistant intro' },
      el('div', { class: 'bubble' }, el('span', { class: 'content', textContent: parameters.opening_statement }))));
  }
  showSuggestions(parameters.suggested_questions || []);
  markActiveConversation();
  $('chat-input').focus();
}

function showSuggestions(questions) {
  document.querySelectorAll('.suggestions').forEach((node) => node.remove());
  if (!questions.length) {
    return;
  }
  const box = el('div', { class: 'suggestions' },
    ...questions.map((question) => el('button', { type: 'button', textContent: question, onclick: () => sendChat(question) })));
  $('messages').append(box);
  box.scrollIntoView({ block: 'end' });
}

function addUserMessage(text) {
  const node = el('div', { class: 'message user' }, el('div', { class: 'bubble', textContent: text }));
  $('messages').append(node);
  return node;
}

function addAnswer(initialText = '') {
  const content = el('span', { class: 'content', textContent: initialText });
  const bubble = el('div', { class: 'bubble' }, content);
  const node = el('div', { class: 'message assistant', dataset: { role: 'answer' } }, bubble);
  $('messages').append(node);
  const scroll = () => { $('messages').scrollTop = $('messages').scrollHeight; };
  scroll();
  return {
    node,
    append(text) { content.textContent += text; scroll(); },
    replace(text) { content.textContent = text; },
    fail(message) {
      node.classList.add('failed');
      bubble.append(el('span', { class: 'error', textContent: message }));
    },
    finish(messageId, rating) {
      node.classList.remove('streaming');
      node.classList.add('done');
      if (messageId) {
        node.dataset.messageId = messageId;
        bubble.append(feedbackButtons(messageId, rating));
      }
      scroll();
    },
  };
}

function feedbackButtons(messageId, rating) {
  const like = el('button', { type: 'button', class: 'like', title: 'Good answer', textContent: 'Helpful' });
  const dislike = el('button', { type: 'button', class: 'dislike', title: 'Bad answer', textContent: 'Not helpful' });
  const mark = (value) => {
    like.classList.toggle('chosen', value === 'like');
    dislike.classList.toggle('chosen', value === 'dislike');
  };
  mark(rating);
  let current = rating || null;
  const rate = async (value) => {
    const next = current === value ? null : value;
    try {
      await api(appPath(`messages/${encodeURIComponent(messageId)}/feedbacks`), { method: 'POST', json: { rating: next } });
      current = next;
      mark(next);
    } catch (error) {
      toast(`Could not save the feedback: ${error.message}`);
    }
  };
  like.addEventListener('click', () => rate('like'));
  dislike.addEventListener('click', () => rate('dislike'));
  return el('div', { class: 'meta' }, like, dislike);
}

async function sendChat(text) {
  if (state.running || !text.trim()) {
    return;
  }
  document.querySelectorAll('.suggestions').forEach((node) => node.remove());
  document.querySelectorAll('.message.intro').forEach((node) => node.remove());
  addUserMessage(text);
  const answer = addAnswer();
  answer.node.classList.add('streaming');
  const controller = new AbortController();
  setRunning({ controller, taskId: null, stopPath: (taskId) => `chat-messages/${encodeURIComponent(taskId)}/stop` });
  let messageId = null;
  let startedConversation = false;
  // New Agent apps stream their working text as agent_message and close with one message (or,
  // when the answer has files, message_file) carrying the whole answer, which replaces it.
  let agentMessageSeen = false;
  try {
    const response = await api(appPath('chat-messages'), {
      method: 'POST',
      signal: controller.signal,
      json: { query: text, inputs: {}, response_mode: 'streaming', conversation_id: state.conversationId || '' },
    });
    for await (const event of serverSentEvents(response)) {
      const data = event.data;
      if (data.task_id) {
        state.running.taskId = data.task_id;
      }
      if (data.conversation_id && !state.conversationId) {
        state.conversationId = data.conversation_id;
        startedConversation = true;
      }
      if (data.message_id) {
        messageId = data.message_id;
      }
      if (event.type === 'agent_message') {
        agentMessageSeen = true;
        answer.append(data.answer || '');
      } else if (event.type === 'message') {
        if (agentMessageSeen) {
          answer.replace(data.answer || '');
        } else {
          answer.append(data.answer || '');
        }
      } else if (event.type === 'message_replace' || (event.type === 'message_file' && typeof data.answer === 'string')) {
        answer.replace(data.answer || '');
      } else if (event.type === 'workflow_paused') {
        answer.fail('Paused: the chatflow waits for human input in Dify');
      } else if (event.type === 'error') {
        answer.fail(data.message || 'The answer failed');
      }
    }
  } catch (error) {
    if (error.name !== 'AbortError') {
      answer.fail(error.message);
    }
  } finally {
    setRunning(null);
    answer.finish(messageId);
  }
  if (startedConversation) {
    await refreshConversations();
  }
  if (messageId && state.parameters && state.parameters.suggested_questions_after_answer
      && state.parameters.suggested_questions_after_answer.enabled) {
    try {
      const suggested = await (await api(appPath(`messages/${encodeURIComponent(messageId)}/suggested`))).json();
      showSuggestions(suggested.data || []);
    } catch (ignored) {
      // Suggestions are a nicety: an app without them answers 400.
    }
  }
}

async function refreshConversations() {
  try {
    const page = await (await api(appPath('conversations?limit=50'))).json();
    const list = $('conversation-list');
    list.replaceChildren(...page.data.map((conversation) => el('li', { dataset: { id: conversation.id } },
      el('button', {
        type: 'button', class: 'open', textContent: conversation.name || 'Untitled', title: conversation.name || '',
        onclick: () => openConversation(conversation.id),
      }),
      el('button', { type: 'button', class: 'icon', title: 'Rename', textContent: '✎', onclick: () => renameConversation(conversation) }),
      el('button', { type: 'button', class: 'icon', title: 'Delete', textContent: '✕', onclick: () => deleteConversation(conversation) }))));
    $('no-conversations').hidden = page.data.length > 0;
    markActiveConversation();
  } catch (error) {
    toast(`Could not list the conversations: ${error.message}`);
  }
}

function markActiveConversation() {
  document.querySelectorAll('#conversation-list li').forEach((item) => {
    item.classList.toggle('active', item.dataset.id === state.conversationId);
  });
}

async function openConversation(id) {
  abortRunning();
  state.conversationId = id;
  markActiveConversation();
  const messages = $('messages');
  messages.replaceChildren();
  try {
    const page = await (await api(appPath(`messages?conversation_id=${encodeURIComponent(id)}&limit=100`))).json();
    const history = [...page.data].sort((a, b) => (a.created_at || 0) - (b.created_at || 0));
    for (const message of history) {
      addUserMessage(message.query || '');
      const answer = addAnswer(message.answer || '');
      answer.finish(message.id, message.feedback && message.feedback.rating);
    }
  } catch (error) {
    toast(`Could not open the conversation: ${error.message}`);
  }
}

async function renameConversation(conversation) {
  const name = window.prompt('Name of the conversation', conversation.name || '');
  if (!name || !name.trim()) {
    return;
  }
  try {
    await api(appPath(`conversations/${encodeURIComponent(conversation.id)}/name`), { method: 'POST', json: { name } });
    await refreshConversations();
  } catch (error) {
    toast(`Could not rename: ${error.message}`);
  }
}

async function deleteConversation(conversation) {
  if (!window.confirm(`Delete "${conversation.name || 'Untitled'}"?`)) {
    return;
  }
  try {
    await api(appPath(`conversations/${encodeURIComponent(conversation.id)}`), { method: 'DELETE', json: {} });
    if (state.conversationId === conversation.id) {
      newChat();
    }
    await refreshConversations();
  } catch (error) {
    toast(`Could not delete: ${error.message}`);
  }
}

// ---- workflows and completions: a form built from the app's user_input_form

async function showRunForm() {
  let info = null;
  try {
    info = await (await api(appPath('info'))).json();
  } catch (ignored) {
    // the form works without the description
  }
  $('run-title').textContent = (info && info.name) || state.app.name;
  $('run-description').textContent = (info && info.description) || '';
  $('run').textContent = state.app.type === 'workflow' ? 'Run workflow' : 'Generate';
  $('nodes').replaceChildren();
  $('nodes-card').hidden = true;
  $('run-output').textContent = '';
  setStatus('', '');
  const form = (state.parameters && state.parameters.user_input_form) || [];
  $('run-fields').replaceChildren(...form.map(inputField).filter(Boolean));
  if (!form.length) {
    $('run-fields').append(el('p', { class: 'muted', textContent: 'This app takes no inputs.' }));
  }
}

function inputField(entry) {
  const kind = Object.keys(entry)[0];
  const settings = entry[kind] || {};
  const id = `input-${settings.variable}`;
  let control;
  if (kind === 'paragraph') {
    control = el('textarea', { rows: 3 });
  } else if (kind === 'select') {
    control = el('select', {}, ...(settings.options || []).map((option) => el('option', { value: option, textContent: option })));
  } else if (kind === 'number') {
    control = el('input', { type: 'number', step: 'any' });
  } else if (kind === 'checkbox') {
    control = el('input', { type: 'checkbox' });
  } else if (kind === 'text-input') {
    control = el('input', { type: 'text' });
  } else {
    return el('p', { class: 'muted', textContent: `${settings.label || settings.variable}: ${kind} inputs are not supported on this page.` });
  }
  control.id = id;
  control.dataset.variable = settings.variable;
  control.dataset.kind = kind;
  if (settings.required && kind !== 'checkbox') {
    control.required = true;
  }
  if (settings.max_length && (kind === 'text-input' || kind === 'paragraph')) {
    control.maxLength = settings.max_length;
  }
  if (settings.default !== undefined && settings.default !== null && settings.default !== '') {
    if (kind === 'checkbox') {
      control.checked = Boolean(settings.default);
    } else {
      control.value = settings.default;
    }
  }
  const label = el('label', { htmlFor: id, textContent: settings.label || settings.variable },
    settings.required ? el('span', { class: 'required', textContent: '*' }) : null);
  return el('div', { class: 'field' }, label, control);
}

function formInputs() {
  const inputs = {};
  document.querySelectorAll('#run-fields [data-variable]').forEach((control) => {
    const kind = control.dataset.kind;
    if (kind === 'checkbox') {
      inputs[control.dataset.variable] = control.checked;
    } else if (kind === 'number') {
      if (control.value !== '') {
        inputs[control.dataset.variable] = Number(control.value);
      }
    } else if (control.value !== '') {
      inputs[control.dataset.variable] = control.value;
    }
  });
  return inputs;
}

function setStatus(text, kind) {
  const status = $('run-status');
  status.textContent = text;
  status.className = `status ${kind}`;
}

function nodeItem(data) {
  let item = document.querySelector(`#nodes li[data-node="${CSS.escape(data.id || data.node_id)}"]`);
  if (!item) {
    item = el('li', { class: 'running', dataset: { node: data.id || data.node_id } },
      el('span', { class: 'state' }), el('span', { class: 'title', textContent: data.title || data.node_type }),
      el('span', { class: 'time' }));
    $('nodes').append(item);
  }
  return item;
}

async function runApp() {
  if (state.running) {
    return;
  }
  const workflow = state.app.type === 'workflow';
  const output = $('run-output');
  output.textContent = '';
  $('nodes').replaceChildren();
  $('nodes-card').hidden = !workflow;
  setStatus('Running…', '');
  const controller = new AbortController();
  setRunning({
    controller,
    taskId: null,
    stopPath: (taskId) => (workflow ? `workflows/tasks/${encodeURIComponent(taskId)}/stop`
      : `completion-messages/${encodeURIComponent(taskId)}/stop`),
  });
  let finished = false;
  try {
    const response = await api(appPath(workflow ? 'workflows/run' : 'completion-messages'), {
      method: 'POST',
      signal: controller.signal,
      json: { inputs: formInputs(), response_mode: 'streaming' },
    });
    for await (const event of serverSentEvents(response)) {
      const data = event.data;
      if (data.task_id) {
        state.running.taskId = data.task_id;
      }
      switch (event.type) {
        case 'node_started':
          nodeItem(data.data);
          break;
        case 'node_finished': {
          const item = nodeItem(data.data);
          item.className = data.data.status === 'succeeded' ? 'succeeded' : 'failed';
          if (typeof data.data.elapsed_time === 'number') {
            item.querySelector('.time').textContent = `${data.data.elapsed_time.toFixed(2)} s`;
          }
          break;
        }
        case 'text_chunk':
          output.textContent += data.data.text || '';
          break;
        case 'text_replace':
          output.textContent = data.data.text || '';
          break;
        case 'message':
          output.textContent += data.answer || '';
          break;
        case 'message_replace':
          output.textContent = data.answer || '';
          break;
        case 'message_end':
          finished = true;
          setStatus('Done', 'ok');
          break;
        case 'workflow_finished': {
          finished = true;
          const run = data.data || {};
          if (!output.textContent && run.outputs && Object.keys(run.outputs).length) {
            output.textContent = JSON.stringify(run.outputs, null, 2);
          }
          const ok = run.status === 'succeeded';
          setStatus(`${ok ? 'Succeeded' : run.status}${typeof run.elapsed_time === 'number' ? ` in ${run.elapsed_time.toFixed(2)} s` : ''}`
            + `${run.error ? `: ${run.error}` : ''}`, ok ? 'ok' : 'failed');
          break;
        }
        case 'workflow_paused':
          finished = true;
          setStatus('Paused: the workflow waits for human input in Dify', '');
          break;
        case 'error':
          finished = true;
          setStatus(`Failed: ${data.message || data.code}`, 'failed');
          break;
        default:
          break;
      }
    }
    if (!finished) {
      setStatus('Ended', '');
    }
  } catch (error) {
    setStatus(error.name === 'AbortError' ? 'Cancelled' : `Failed: ${error.message}`, 'failed');
  } finally {
    setRunning(null);
  }
}

// ---- wiring

$('app-select').addEventListener('change', (event) => selectApp(event.target.value));
$('new-chat').addEventListener('click', newChat);
$('chat-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('chat-input');
  const text = input.value;
  input.value = '';
  sendChat(text);
});
$('chat-input').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    $('chat-form').requestSubmit();
  }
});
$('stop').addEventListener('click', stopRunning);
$('run-stop').addEventListener('click', stopRunning);
$('run-form').addEventListener('submit', (event) => {
  event.preventDefault();
  runApp();
});
$('sign-out').addEventListener('click', async () => {
  try {
    await api('/logout', { method: 'POST' });
  } finally {
    window.location.href = '/login?logout';
  }
});

loadApps().catch((error) => toast(`Could not start: ${error.message}`));
