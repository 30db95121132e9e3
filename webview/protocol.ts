// The one message protocol between the extension and the queue-order webview, imported by both sides so a change
// to a message breaks the build on both. Every message carries `v`; a side that gets another version ignores it
// (a webview restored from an older install is re-initialised rather than misread).
//
// The extension holds the region's whole model and sends only what is shown: the lanes' rows in the scrolled
// window, one page of the region list. The webview never sees a log line, only the texts computed from it, and
// treats every string as untrusted text.

export const PROTOCOL_VERSION = 1;
export const VIEW_TYPE = 'tikv-trace.queueOrder';
export const SHOW_COMMAND = 'tikv-trace.showQueueOrder';

/** A region on a store; `reportIndex` narrows it to one report when several analysed groups hold the region. */
export interface RegionRef {
  readonly store: string;
  readonly regionId: string;
  readonly reportIndex?: number;
}

/** A log line: `file` indexes `InitMessage.files` (and the report's files on the extension side). */
export interface LineRef {
  readonly file: number;
  readonly line: number;
}

/**
 * What an op is in the #18243 story: the Start that was rejected because an op with a newer ObserveId had
 * overtaken it, and the one that overtook it.
 */
export type OpMark = 'rejected' | 'overtook';

export interface OpRow extends LineRef {
  /** Position in its lane, 0-based. */
  readonly index: number;
  readonly op: string;
  readonly observeId?: string;
  /** Issued lane only: what sent the op (pre-candidate, candidate, leader, task-scan, refresh, retry...). */
  readonly origin?: string;
  /** The line's time as the log writes it (`14:05:20.129`), when the line had one. */
  readonly time?: string;
  /** Index of the same op in the other lane; -1 when it has no counterpart. */
  readonly peer: number;
  /** How many other connectors this op's connector crosses. */
  readonly crossings: number;
  readonly mark?: OpMark;
  /** The error that rejected this op (the stale observe id error), to highlight and open. */
  readonly error?: LineRef & { readonly text: string };
}

export interface LaneWindow {
  readonly start: number;
  readonly rows: readonly OpRow[];
}

export type TimelineTrack = 'role' | 'subscription' | 'op' | 'event';

/** One position on the timeline's shared axis: a log line, in log order. */
export interface AxisPoint extends LineRef {
  readonly time?: string;
}

/** A state that holds from axis point `from` until `to` (exclusive; `to` = axis length: until the end). */
export interface TimelineSegment extends LineRef {
  readonly track: 'role' | 'subscription';
  readonly from: number;
  readonly to: number;
  /** `leader`, `candidate`... for roles; `running`, `pending`, `absent` for the subscription. */
  readonly kind: string;
  readonly label: string;
  readonly detail: string;
}

/** Something that happened at one axis point: an op processed, an error, a task registration. */
export interface TimelineMarker extends LineRef {
  readonly track: 'op' | 'event';
  readonly at: number;
  /** `error` markers are highlighted; `rejected` marks the rejected Start among the ops. */
  readonly kind: 'op' | 'rejected' | 'error' | 'task' | 'info';
  readonly label: string;
  readonly detail: string;
}

export interface TimelineData {
  readonly axis: readonly AxisPoint[];
  readonly segments: readonly TimelineSegment[];
  readonly markers: readonly TimelineMarker[];
  /** Entries the engine dropped to stay bounded, said in the view rather than hidden. */
  readonly dropped: number;
}

export interface RegionSummary {
  readonly ref: RegionRef;
  readonly regionId: string;
  readonly storeLabel: string;
  readonly findings: number;
  /** The subscription state at the end of the log. */
  readonly state?: string;
}

/** Where the issued lane came from: a finding's reconstructed queue, or only the processed ops of the timeline. */
/** A store in the picker's filter: its key (what RegionRef.store holds) and a short name to show. */
export interface StoreOption {
  readonly store: string;
  readonly label: string;
}

export type QueueSource = 'finding' | 'timeline' | 'none';

export interface InitMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'init';
  /** Changes whenever the model behind the view changes; replies of an older generation are dropped. */
  readonly generation: number;
  readonly region: RegionSummary;
  readonly files: readonly string[];
  readonly counts: { readonly issued: number; readonly processed: number };
  readonly source: QueueSource;
  readonly finding?: LineRef & { readonly rule: string; readonly message: string };
  /** The processed order in one line (`Start(191374), Stop, Stop, Start(191299)`) for screen readers and export. */
  readonly processedOrder: string;
  readonly crossings: number;
  readonly timeline: TimelineData;
  readonly stores: readonly StoreOption[];
  readonly totalRegions: number;
  /** Changes when the list of regions changes (a new analysis): the picker then asks again. */
  readonly regionsVersion: number;
}

export interface WindowMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'window';
  readonly generation: number;
  readonly requestId: number;
  readonly issued: LaneWindow;
  readonly processed: LaneWindow;
}

export interface RegionsMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'regions';
  readonly requestId: number;
  readonly total: number;
  readonly start: number;
  readonly items: readonly RegionSummary[];
}

/** Nothing to show (no analysis yet, the region is gone): the text says why and what to do. */
export interface EmptyMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'empty';
  readonly text: string;
  readonly stores: readonly StoreOption[];
  readonly totalRegions: number;
  readonly regionsVersion: number;
}

export type HostMessage = InitMessage | WindowMessage | RegionsMessage | EmptyMessage;

/** What the webview keeps with getState/setState, and what the serializer gets back after a reload. */
export interface ViewState {
  readonly v: typeof PROTOCOL_VERSION;
  readonly region?: RegionRef;
  readonly scrollTop: number;
  readonly focus?: { readonly lane: 'issued' | 'processed'; readonly index: number };
  readonly query: string;
  readonly store: string;
}

export type ViewMessage =
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'ready'; readonly state?: ViewState }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'requestWindow'; readonly generation: number; readonly requestId: number; readonly start: number; readonly count: number }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'queryRegions'; readonly requestId: number; readonly text: string; readonly store: string; readonly start: number; readonly count: number }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'select'; readonly region: RegionRef }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'reveal'; readonly generation: number; readonly file: number; readonly line: number }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'copyMarkdown' }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'saveSvg' }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'cspViolation'; readonly directive: string };

/** Upper bounds the extension enforces on what the webview asks for. */
export const MAX_WINDOW_ROWS = 500;
export const MAX_REGION_ROWS = 500;

// --- validation: the extension checks every message it receives (a webview is a separate, less trusted process).

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function isShortString(x: unknown, max = 1000): x is string {
  return typeof x === 'string' && x.length <= max;
}

function regionRefOf(x: unknown): RegionRef | undefined {
  if (!isObj(x) || !isShortString(x.store, 4096) || !isShortString(x.regionId, 64)) return undefined;
  if (x.reportIndex !== undefined && !isCount(x.reportIndex)) return undefined;
  return x.reportIndex === undefined ? { store: x.store, regionId: x.regionId } : { store: x.store, regionId: x.regionId, reportIndex: x.reportIndex };
}

export function viewStateOf(x: unknown): ViewState | undefined {
  if (!isObj(x) || x.v !== PROTOCOL_VERSION) return undefined;
  const region = x.region === undefined ? undefined : regionRefOf(x.region);
  const scrollTop = typeof x.scrollTop === 'number' && Number.isFinite(x.scrollTop) && x.scrollTop >= 0 ? x.scrollTop : 0;
  const f = x.focus;
  const lane: 'issued' | 'processed' | undefined = isObj(f) && (f.lane === 'issued' || f.lane === 'processed') ? f.lane : undefined;
  const focus = lane !== undefined && isObj(f) && isCount(f.index) ? { lane, index: f.index } : undefined;
  return {
    v: PROTOCOL_VERSION,
    ...(region ? { region } : {}),
    scrollTop,
    ...(focus ? { focus } : {}),
    query: isShortString(x.query, 200) ? x.query : '',
    store: isShortString(x.store, 4096) ? x.store : '',
  };
}

/** The message if it is a well-formed message of this protocol version, else undefined. */
export function parseViewMessage(x: unknown): ViewMessage | undefined {
  if (!isObj(x) || x.v !== PROTOCOL_VERSION || typeof x.type !== 'string') return undefined;
  const v = PROTOCOL_VERSION;
  switch (x.type) {
    case 'ready': {
      const state = x.state === undefined ? undefined : viewStateOf(x.state);
      return state ? { v, type: 'ready', state } : { v, type: 'ready' };
    }
    case 'requestWindow':
      if (!isCount(x.generation) || !isCount(x.requestId) || !isCount(x.start) || !isCount(x.count)) return undefined;
      return { v, type: 'requestWindow', generation: x.generation, requestId: x.requestId, start: x.start, count: Math.min(x.count, MAX_WINDOW_ROWS) };
    case 'queryRegions':
      if (!isCount(x.requestId) || !isShortString(x.text, 200) || !isShortString(x.store, 4096) || !isCount(x.start) || !isCount(x.count)) return undefined;
      return { v, type: 'queryRegions', requestId: x.requestId, text: x.text, store: x.store, start: x.start, count: Math.min(x.count, MAX_REGION_ROWS) };
    case 'select': {
      const region = regionRefOf(x.region);
      return region ? { v, type: 'select', region } : undefined;
    }
    case 'reveal':
      if (!isCount(x.generation) || !isCount(x.file) || !isCount(x.line) || x.line < 1) return undefined;
      return { v, type: 'reveal', generation: x.generation, file: x.file, line: x.line };
    case 'copyMarkdown':
    case 'saveSvg':
      return { v, type: x.type };
    case 'cspViolation':
      return isShortString(x.directive, 200) ? { v, type: 'cspViolation', directive: x.directive } : undefined;
    default:
      return undefined;
  }
}

export function regionKey(ref: RegionRef): string {
  return `${ref.reportIndex ?? ''}\u0000${ref.store}\u0000${ref.regionId}`;
}
