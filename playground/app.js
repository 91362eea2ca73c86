/*
 * Bounce Doctor local playground: a small Teams-like chat client.
 *
 * Sends Teams-shaped activities to /api/messages with a serviceUrl pointing at the playground's own
 * connector, listens to /playground/events/<conversation> for what the bot posts and updates, and renders
 * cards with the official Adaptive Cards renderer, the Microsoft Teams light host config and markdown-it.
 * Everything a person typed or uploaded is shown with textContent, never as HTML.
 */
/* global AdaptiveCards, markdownit, document, window, location, fetch, EventSource, FileReader, localStorage, navigator, crypto, setTimeout, clearTimeout, URL, CSS, Option */

const LOCALES = [
  ['en-US', 'English'],
  ['ja-JP', '日本語'],
  ['zh-CN', '简体中文'],
  ['zh-TW', '繁體中文'],
  ['sv-SE', 'Svenska'],
  ['fr-FR', 'Français'],
  ['ko-KR', '한국어'],
];
const CARD = 'application/vnd.microsoft.card.adaptive';
const BOT = { id: '28:bounce-doctor', name: 'Bounce Doctor' };
const SERVICE_URL = `${location.origin}/playground/connector`;
const FILE_TYPES = { eml: 'message/rfc822', msg: 'application/vnd.ms-outlook', txt: 'text/plain' };

const $ = (id) => document.getElementById(id);
const ui = {
  messages: $('messages'), typing: $('typing'), composer: $('composer'), compose: $('compose'), send: $('send'),
  file: $('file'), attachment: $('attachment'), attachmentName: $('attachment-name'), attachmentRemove: $('attachment-remove'),
  locale: $('locale'), newChat: $('new-chat'), status: $('status'), samples: $('samples'),
};

// ---- rendering: the official renderer, Teams light host config, markdown-it without HTML or linkify
const md = markdownit({ html: false, linkify: false, typographer: false });
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = md.render(text);
  result.didProcess = true;
};
AdaptiveCards.AdaptiveCard.onAnchorClicked = (_element, anchor) => {
  openSafely(anchor.getAttribute('href'));
  return true;
};
const hostConfig = new AdaptiveCards.HostConfig(await (await fetch('/playground/vendor/teams-light.json')).json());

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function randomId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Links and Action.OpenUrl: only https and mailto, in a new tab. */
function openSafely(url) {
  let parsed;
  try {
    parsed = new URL(url ?? '');
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.protocol === 'https:' || parsed.protocol === 'mailto:')) window.open(parsed.href, '_blank', 'noopener,noreferrer');
  else notice(`The playground only opens https: and mailto: links, not “${String(url).slice(0, 80)}”.`);
}

// ---- conversation state
let conversation;
let user;
let events;

function startConversation() {
  events?.close();
  conversation = { id: `playground:${randomId()}` };
  user = { id: `29:playground-${randomId()}`, name: 'You', aadObjectId: crypto.randomUUID?.() ?? randomId() };
  ui.messages.replaceChildren();
  ui.typing.hidden = true;
  events = new EventSource(`/playground/events/${encodeURIComponent(conversation.id)}`);
  events.onmessage = (e) => onBotEvent(JSON.parse(e.data));
  events.onerror = () => status('Connection to the bot lost, reconnecting…');
  // The bot greets a person when it is added to a chat: say so once the stream is open.
  events.addEventListener('open', () => {
    status('');
    if (!conversation.greeted) {
      conversation.greeted = true;
      void post(activity('conversationUpdate', { membersAdded: [BOT] }));
    }
  });
}

function activity(type, fields) {
  const locale = ui.locale.value;
  return {
    type,
    id: `in-${randomId()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: SERVICE_URL,
    channelId: 'msteams',
    from: user,
    recipient: BOT,
    conversation: { id: conversation.id, conversationType: 'personal', tenantId: 'playground' },
    locale,
    entities: [{ type: 'clientInfo', locale, platform: 'Web' }],
    channelData: { tenant: { id: 'playground' } },
    ...fields,
  };
}

/** POST one activity to the bot; resolves with the HTTP status and parsed body. */
async function post(act) {
  try {
    const res = await fetch('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(act) });
    const text = await res.text();
    let body;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    if (res.status === 413) notice('That is too large for the playground to send. Paste just the error part of the bounce.');
    else if (res.status >= 300) notice(`The bot answered ${res.status}.`);
    return { status: res.status, body };
  } catch (err) {
    notice(`Couldn't reach the bot: ${err.message}`);
    return { status: 0 };
  }
}

// ---- the message list
function scrollToEnd() {
  ui.messages.lastElementChild?.scrollIntoView({ block: 'end' });
}

function notice(text) {
  ui.messages.append(el('li', 'notice', text));
  scrollToEnd();
}

function status(text) {
  ui.status.textContent = text;
}

function userMessage(text, file) {
  const item = el('li', 'msg user');
  const bubble = el('div', 'bubble');
  if (file) bubble.append(el('div', 'file', `📎 ${file.name} · ${formatSize(file.size)}`));
  if (text) {
    const body = el('div', 'user-text', text);
    bubble.append(body);
    if (text.split('\n').length > 8 || text.length > 600) {
      body.classList.add('collapsed');
      const more = el('button', 'link', 'Show all');
      more.type = 'button';
      more.addEventListener('click', () => {
        more.textContent = body.classList.toggle('collapsed') ? 'Show all' : 'Show less';
      });
      bubble.append(more);
    }
  }
  item.append(bubble);
  ui.messages.append(item);
  scrollToEnd();
}

function botMessage(act) {
  const item = el('li', 'msg bot');
  item.dataset.activityId = act.id;
  item.dataset.revision = '0';
  item.append(el('span', 'avatar', 'BD'));
  const column = el('div', 'column');
  const meta = el('div', 'meta');
  meta.append(el('span', 'name', 'Bounce Doctor'), el('time', '', new Date(act.timestamp ?? Date.now()).toLocaleTimeString()));
  column.append(meta, el('div', 'content'));
  item.append(column);
  fill(item, act);
  ui.messages.append(item);
  scrollToEnd();
}

/** Puts an activity's text and cards into its message, replacing what was there. */
function fill(item, act) {
  const content = item.querySelector('.content');
  content.replaceChildren();
  if (act.text) {
    const text = el('div', 'bubble text');
    text.innerHTML = md.render(String(act.text)); // the bot's own markdown; html:false escapes any HTML in it
    content.append(text);
  }
  for (const attachment of act.attachments ?? []) {
    if (attachment.contentType === CARD) content.append(renderCard(attachment.content, item));
    else content.append(el('div', 'bubble unsupported', `(an attachment of type ${attachment.contentType}, which the playground doesn't show)`));
  }
}

function replaceCard(item, cardJson) {
  fill(item, { attachments: [{ contentType: CARD, content: cardJson }] });
  markUpdated(item);
}

function markUpdated(item) {
  item.dataset.revision = String(Number(item.dataset.revision) + 1);
  const meta = item.querySelector('.meta');
  if (!meta.querySelector('.edited')) meta.append(el('span', 'edited', 'Updated'));
}

function renderCard(json, item) {
  const frame = el('div', 'card teams-card');
  try {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = (action) => void onCardAction(action, item);
    card.onInlineCardExpanded = (action, expanded) => {
      if (expanded) action.card.renderedElement?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    };
    card.parse(json);
    const rendered = card.render();
    if (!rendered) throw new Error('the renderer returned nothing');
    frame.append(rendered);
  } catch (err) {
    frame.append(el('p', 'card-error', `This card couldn't be rendered: ${err.message}`));
  }
  return frame;
}

// ---- what the bot sends, through the playground's connector
let typingTimer;

function onBotEvent({ op, activity: act }) {
  if (op === 'post' && act.type === 'typing') {
    ui.typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => (ui.typing.hidden = true), 8000);
    return;
  }
  if (act.type !== 'message') return;
  const item = ui.messages.querySelector(`li[data-activity-id="${CSS.escape(act.id)}"]`);
  if (op === 'post' || (op === 'update' && !item)) {
    ui.typing.hidden = true;
    botMessage(act);
  } else if (op === 'update') {
    fill(item, act);
    markUpdated(item);
  } else if (op === 'delete' && item) {
    item.querySelector('.content').replaceChildren(el('div', 'bubble deleted', 'This message has been deleted.'));
  }
}

// ---- card buttons
async function onCardAction(action, item) {
  if (action instanceof AdaptiveCards.ExecuteAction) {
    const value = { action: { type: 'Action.Execute', id: action.id, verb: action.verb, data: action.data ?? {} }, trigger: 'manual' };
    const frame = item.querySelector('.card');
    frame?.classList.add('busy');
    frame?.setAttribute('aria-busy', 'true');
    const res = await post(activity('invoke', { name: 'adaptiveCard/action', value, replyToId: item.dataset.activityId }));
    frame?.classList.remove('busy');
    frame?.removeAttribute('aria-busy');
    const body = res.body;
    if (res.status !== 200 || !body) return;
    if (body.type === CARD && body.value) replaceCard(item, body.value);
    else if (body.type === 'application/vnd.microsoft.activity.message') notice(String(body.value));
    else if (body.statusCode >= 400) notice(`The bot couldn't do that (${body.statusCode}): ${body.value?.message ?? ''}`);
  } else if (action instanceof AdaptiveCards.SubmitAction) {
    await post(activity('message', { value: action.data ?? {}, replyToId: item.dataset.activityId }));
  } else if (action instanceof AdaptiveCards.OpenUrlAction) {
    openSafely(action.url);
  }
}

// ---- composing
let pendingFile;

function attach(file) {
  pendingFile = file;
  ui.attachment.hidden = !file;
  ui.attachmentName.textContent = file ? `${file.name} · ${formatSize(file.size)}` : '';
  if (!file) ui.file.value = '';
}

function readAsBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

async function send() {
  const text = ui.compose.value;
  const file = pendingFile;
  if (!text.trim() && !file) return;
  ui.send.disabled = true;
  try {
    const attachments = [];
    if (file) {
      const ext = file.name.split('.').pop().toLowerCase();
      const contentType = FILE_TYPES[ext] ?? 'application/octet-stream';
      attachments.push({ contentType, name: file.name, contentUrl: `data:${contentType};base64,${await readAsBase64(file)}` });
    }
    userMessage(text, file);
    ui.compose.value = '';
    attach(undefined);
    await post(activity('message', { text, textFormat: 'plain', ...(attachments.length ? { attachments } : {}) }));
  } finally {
    ui.send.disabled = false;
    ui.compose.focus();
  }
}

ui.composer.addEventListener('submit', (e) => {
  e.preventDefault();
  void send();
});
ui.compose.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    void send();
  }
});
ui.file.addEventListener('change', () => attach(ui.file.files[0]));
ui.attachmentRemove.addEventListener('click', () => attach(undefined));
ui.composer.addEventListener('dragover', (e) => {
  e.preventDefault();
  ui.composer.classList.add('dropping');
});
ui.composer.addEventListener('dragleave', () => ui.composer.classList.remove('dropping'));
ui.composer.addEventListener('drop', (e) => {
  e.preventDefault();
  ui.composer.classList.remove('dropping');
  if (e.dataTransfer.files[0]) attach(e.dataTransfer.files[0]);
});

// ---- language and new chat
for (const [tag, name] of LOCALES) ui.locale.append(new Option(name, tag));
const preferred = [localStorage.getItem('playground.locale'), ...navigator.languages].filter(Boolean);
ui.locale.value =
  LOCALES.map(([tag]) => tag).find((tag) => preferred.some((p) => p.toLowerCase() === tag.toLowerCase())) ??
  LOCALES.find(([tag]) => preferred.some((p) => p.slice(0, 2).toLowerCase() === tag.slice(0, 2).toLowerCase()))?.[0] ??
  'en-US';
ui.messages.lang = ui.locale.value;
ui.locale.addEventListener('change', () => {
  localStorage.setItem('playground.locale', ui.locale.value);
  ui.messages.lang = ui.locale.value;
});
ui.newChat.addEventListener('click', startConversation);

// ---- demo bounces, when the server offers some (npm run demo does)
const samples = await fetch('/playground/samples.json').then((r) => r.json()).catch(() => []);
for (const sample of samples) {
  const button = el('button', 'chip', sample.label);
  button.type = 'button';
  button.title = sample.description ?? '';
  button.addEventListener('click', () => {
    ui.compose.value = sample.text;
    ui.compose.focus();
  });
  ui.samples.append(button);
}
ui.samples.hidden = samples.length === 0;

startConversation();
ui.compose.focus();
