/// <reference lib="dom" />
// The queue-order view's browser entry: builds the page, talks to the extension over the shared protocol, and
// keeps its state with getState/setState so hiding the panel or reloading VS Code brings it back as it was.
// Everything shown comes from messages and goes into the DOM as text (see dom.ts).
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDropdown, vsCodeOption, vsCodeTextField } from '@vscode/webview-ui-toolkit';
import { byId, custom, el, perFrame, setText } from './dom';
import { loadState, onHostMessage, post, saveState } from './host';
import { LanesView } from './lanesView';
import { PROTOCOL_VERSION, regionKey, viewStateOf, type EmptyMessage, type HostMessage, type InitMessage, type LineRef, type ViewState } from './protocol';
import { RegionPicker } from './regionPicker';
import { TimelineView } from './timelineView';
import './styles.css';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDropdown(), vsCodeOption(), vsCodeTextField());

const saved: ViewState = viewStateOf(loadState()) ?? { v: PROTOCOL_VERSION, scrollTop: 0, query: '', store: '' };
let current: InitMessage | undefined;
let generation = -1;
let requestId = 0;
let restored = false;
let cspViolations = 0;

// Violations are counted on the page (the tests read it) and reported to the extension's log.
document.addEventListener('securitypolicyviolation', (e) => {
  cspViolations++;
  const what = `${e.effectiveDirective} at ${e.sourceFile || 'inline'}:${e.lineNumber}:${e.columnNumber} ${e.sample}`.slice(0, 200);
  document.body.dataset.cspViolations = String(cspViolations);
  document.body.dataset.cspLast = what;
  post({ type: 'cspViolation', directive: what });
});

const app = byId('app');
const title = el('h1', { id: 'title', class: 'title' }, 'Queue order');
const subtitle = el('p', { id: 'subtitle', class: 'subtitle' });
const findingLine = el('p', { id: 'finding', class: 'finding' });
const orderLine = el('p', { id: 'order', class: 'order' });
const sourceNote = el('p', { id: 'source-note', class: 'note' });
const emptyNote = el('p', { id: 'empty', class: 'empty', role: 'status' });
const detail = el('p', { id: 'detail', class: 'detail', 'aria-live': 'polite' });
const announce = el('div', { id: 'announce', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
const copyButton = custom('vscode-button', { id: 'copy-md', appearance: 'secondary', 'aria-label': 'Copy the queue as a Markdown table' }, 'Copy as Markdown');
const svgButton = custom('vscode-button', { id: 'save-svg', appearance: 'secondary', 'aria-label': 'Save the queue as an SVG picture' }, 'Save as SVG');
copyButton.addEventListener('click', () => post({ type: 'copyMarkdown' }));
svgButton.addEventListener('click', () => post({ type: 'saveSvg' }));

function fileName(file: number): string {
  return current?.files[file] ?? `file ${file}`;
}

function reveal(ref: LineRef): void {
  post({ type: 'reveal', generation, file: ref.file, line: ref.line });
}

function describe(text: string): void {
  setText(detail, text);
}

const persist = perFrame(() => {
  saveState({
    v: PROTOCOL_VERSION,
    ...(current ? { region: current.region.ref } : saved.region ? { region: saved.region } : {}),
    scrollTop: lanes.scrollTop,
    focus: lanes.focused,
    query: picker.query,
    store: picker.storeFilter,
  });
});

const lanes = new LanesView({
  reveal,
  describe,
  fileName,
  stateChanged: persist,
  requestWindow: (start, count) => post({ type: 'requestWindow', generation, requestId: ++requestId, start, count }),
});
const timeline = new TimelineView({ reveal, describe, fileName });
const picker = new RegionPicker({
  query: (text, store, start, count) => {
    post({ type: 'queryRegions', requestId: ++requestId, text, store, start, count });
    return requestId;
  },
  select: (ref) => post({ type: 'select', region: ref }),
  stateChanged: persist,
}, { query: saved.query, store: saved.store });

const main = el('main', { class: 'main' },
  el('header', { class: 'head' },
    el('div', { class: 'head-row' }, title, el('div', { class: 'actions' }, copyButton, svgButton)),
    subtitle, findingLine, orderLine, sourceNote),
  emptyNote, lanes.root, detail, timeline.root);
app.append(main, picker.root, announce);
app.removeAttribute('aria-busy');

function showInit(msg: InitMessage): void {
  const sameRegion = current !== undefined && regionKey(current.region.ref) === regionKey(msg.region.ref);
  current = msg;
  generation = msg.generation;
  main.classList.remove('is-empty');
  emptyNote.hidden = true;
  lanes.root.hidden = false;
  timeline.root.hidden = false;

  setText(title, `Queue order · region ${msg.region.regionId}`);
  const facts = [`store ${msg.region.storeLabel}`];
  if (msg.region.state) facts.push(`subscription ${msg.region.state} at the end of the log`);
  facts.push(`${msg.region.findings} finding${msg.region.findings === 1 ? '' : 's'}`);
  setText(subtitle, facts.join(' · '));

  findingLine.replaceChildren();
  if (msg.finding) {
    const f = msg.finding;
    const open = el('button', { type: 'button', class: 'link-button', 'aria-label': `Open the finding's line: ${fileName(f.file)} line ${f.line}` }, `${fileName(f.file)}:${f.line}`);
    open.addEventListener('click', () => reveal(f));
    findingLine.append(el('span', { class: `rule rule-${f.rule}` }, f.rule), ' ', el('span', { class: 'finding-text' }, f.message), ' ', open);
  }
  findingLine.hidden = !msg.finding;
  setText(orderLine, msg.processedOrder ? `Processed order: ${msg.processedOrder}${msg.crossings > 0 ? ` · ${msg.crossings} crossing connector pair${msg.crossings === 1 ? '' : 's'}` : ''}` : '');
  const notes: Record<InitMessage['source'], string> = {
    finding: '',
    timeline: 'This region has no finding with a reconstructed queue: only the processed ops are shown, in the order the subscription manager handled them.',
    none: 'No observe ops were processed for this region in the analysed logs.',
  };
  setText(sourceNote, notes[msg.source]);
  sourceNote.hidden = msg.source === 'finding';

  // The saved scroll and focus apply to the region they were saved for, once.
  const restore = !restored && saved.region !== undefined && regionKey(saved.region) === regionKey(msg.region.ref);
  restored = true;
  lanes.reset(msg.counts, sameRegion, restore ? saved.scrollTop : 0, restore ? saved.focus : undefined);
  timeline.show(msg.timeline);
  picker.setRegions(msg.regionsVersion, msg.stores, msg.totalRegions);
  picker.setSelected(msg.region.ref);
  if (!sameRegion) {
    setText(detail, msg.finding?.message ?? '');
    setText(announce, `Region ${msg.region.regionId}. ${lanes.summary(msg.processedOrder, msg.crossings)}`);
  }
  persist();
}

function showEmpty(msg: EmptyMessage): void {
  current = undefined;
  generation = -1;
  main.classList.add('is-empty');
  setText(title, 'Queue order');
  setText(subtitle, '');
  findingLine.hidden = true;
  sourceNote.hidden = true;
  setText(orderLine, '');
  setText(emptyNote, msg.text);
  emptyNote.hidden = false;
  lanes.root.hidden = true;
  timeline.root.hidden = true;
  setText(detail, '');
  picker.setRegions(msg.regionsVersion, msg.stores, msg.totalRegions);
}

onHostMessage((msg: HostMessage) => {
  switch (msg.type) {
    case 'init':
      showInit(msg);
      break;
    case 'window':
      if (msg.generation === generation) lanes.receive(msg);
      else lanes.forgetPending();
      break;
    case 'regions':
      picker.receive(msg);
      break;
    case 'empty':
      showEmpty(msg);
      break;
  }
});

post({ type: 'ready', state: saved });
