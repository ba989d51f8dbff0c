// The knowledge page: the workspace's knowledge bases through the application's /api/knowledge,
// for operators. The knowledge base API key stays on the server; this page never sees it.
'use strict';

const $ = (id) => document.getElementById(id);

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : '';
}

async function api(path, { method = 'GET', json, form } = {}) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = csrfToken();
  }
  let body = form;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (response.status === 401) {
    window.location.href = '/login';
    throw new Error('Signed out');
  }
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((answer && answer.message) || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return answer;
}

const basePath = (suffix) => `/api/knowledge/bases/${encodeURIComponent($('base-select').value)}/${suffix}`;

async function loadBases() {
  let bases;
  try {
    bases = await api('/api/knowledge/bases');
  } catch (error) {
    $('refused').textContent = error.message;
    $('refused').hidden = false;
    return;
  }
  const select = $('base-select');
  select.replaceChildren(...bases.map((base) => {
    const option = document.createElement('option');
    option.value = base.id;
    option.textContent = `${base.name} (${base.documentCount})`;
    return option;
  }));
  $('knowledge-view').hidden = false;
  await loadDocuments();
}

async function loadDocuments() {
  const documents = await api(basePath('documents'));
  $('document-list').replaceChildren(...documents.map((doc) => {
    const item = document.createElement('li');
    item.dataset.documentId = doc.id;
    item.textContent = `${doc.name} · ${doc.displayStatus || doc.indexingStatus}`;
    return item;
  }));
  $('no-documents').hidden = documents.length > 0;
}

async function upload(event) {
  event.preventDefault();
  const file = $('upload-file').files[0];
  if (!file) {
    return;
  }
  const form = new FormData();
  form.append('file', file);
  $('upload').disabled = true;
  try {
    const created = await api(basePath('documents'), { method: 'POST', form });
    await followIndexing(created.batch, created.name);
  } catch (error) {
    $('indexing').textContent = `Upload failed: ${error.message}`;
  } finally {
    $('upload').disabled = false;
    await loadDocuments();
  }
}

// Polls the batch until every document's indexing is completed or failed, showing each state.
async function followIndexing(batch, name) {
  const indexing = $('indexing');
  for (;;) {
    const statuses = await api(basePath(`batches/${encodeURIComponent(batch)}`));
    const status = statuses[0];
    indexing.dataset.state = status.state;
    indexing.textContent = `${name}: ${status.state} (${status.completedSegments}/${status.totalSegments} chunks)`;
    if (status.state === 'completed' || status.state === 'error') {
      if (status.error) {
        indexing.textContent += ` · ${status.error}`;
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

async function retrieve(event) {
  event.preventDefault();
  const query = $('query').value.trim();
  if (!query) {
    return;
  }
  const hits = await api(basePath('retrieve'), { method: 'POST', json: { query } });
  const list = $('hits');
  list.replaceChildren(...hits.map((hit) => {
    const item = document.createElement('li');
    item.className = 'hit';
    const score = document.createElement('span');
    score.className = 'score';
    score.textContent = hit.score == null ? '–' : hit.score.toFixed(3);
    const source = document.createElement('span');
    source.className = 'muted';
    source.textContent = ` ${hit.documentName} #${hit.position} `;
    const content = document.createElement('p');
    content.textContent = hit.content;
    item.append(score, source, content);
    return item;
  }));
  list.dataset.count = String(hits.length);
}

$('base-select').addEventListener('change', loadDocuments);
$('upload-form').addEventListener('submit', upload);
$('retrieve-form').addEventListener('submit', retrieve);
loadBases();
