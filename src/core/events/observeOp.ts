// `backup stream: on_modify_observe [op=..]`: the op as the subscription manager processes it. The op is
// Rust Debug text, so it goes through the grammar; region, epoch and handle id come from the tree.
import { fieldValue, type LogEntry } from '../record';
import {
  field,
  numberText,
  parseDebug,
  path,
  render,
  typeName,
  item,
  identName,
  observeIdsOf,
  type DebugValue,
} from '../debugText';
import { isDigits, setDefined, withBase, type Draft } from './fields';
import { staleIdsIn } from './textPatterns';
import type { ObserveOpEvent, ObserveOpKind } from './types';

const KINDS: Readonly<Record<string, ObserveOpKind>> = {
  Start: 'Start',
  Stop: 'Stop',
  Destroy: 'Destroy',
  RefreshResolver: 'RefreshResolver',
  NotifyStartObserveResult: 'NotifyStartObserveResult',
  NotifyFailToStartObserve: 'NotifyStartObserveResult',
  HighMemUsageWarning: 'HighMemUsageWarning',
};

interface RegionFacts {
  id?: string;
  ver?: string;
  confVer?: string;
}

/** `Region { id, ver, conf_ver, .. }` (debug_region) or protobuf text (`id: 5 region_epoch { .. }`). */
function regionFacts(region: DebugValue | undefined): RegionFacts {
  if (region === undefined) return {};
  if (typeName(region) === 'Region') {
    return { id: numberText(field(region, 'id')), ver: numberText(field(region, 'ver')), confVer: numberText(field(region, 'conf_ver')) };
  }
  return {
    id: numberText(field(region, 'id')),
    ver: numberText(path(region, 'region_epoch', 'version')),
    confVer: numberText(path(region, 'region_epoch', 'conf_ver')),
  };
}

function errorOf(err: DebugValue | undefined): { result?: 'ok' | 'error'; error?: string; inner?: DebugValue } {
  if (err === undefined) return {};
  if (identName(err) === 'None') return { result: 'ok' };
  const inner = typeName(err) === 'Some' ? (item(err, 0) ?? err) : err;
  return { result: 'error', error: render(inner), inner };
}

/**
 * The canonical shape of the ops that make up most of these lines (post-#14185 `debug_region`, optional
 * pre-#18290 handle), and the successful `NotifyStartObserveResult` that follows every Start (as many lines as
 * the Starts themselves in a task's initial-scan burst). Profiling: the grammar costs ~15us per op, this ~0.5us.
 * Anything else (errors, protobuf regions, odd spacing) goes through the grammar, which stays the definition;
 * a differential test checks that both agree on every canonical op.
 */
const CANONICAL_OP =
  /^(Start|Stop|Destroy|RefreshResolver|NotifyStartObserveResult) \{ region: Region \{ id: (\d{1,20}), ver: (\d{1,20}), conf_ver: (\d{1,20}), range: \[[^\s,()[\]{}]*,[^\s,()[\]{}]*\), peers: [\d,]* \}(?:, handle: ObserveHandle \{ id: ObserveI[dD]\((\d{1,20})\), observing: (?:true|false) \})?(, err: None)? \}$/;

type FastOp = Pick<ObserveOpEvent, 'op' | 'opName' | 'regionId' | 'ver' | 'confVer' | 'observeId' | 'result'>;

export function observeOpFast(text: string): FastOp | undefined {
  const m = CANONICAL_OP.exec(text);
  if (m === null) return undefined;
  const kind = m[1] as ObserveOpKind;
  // `err` belongs to the result op only, and the result op always has one.
  if ((kind === 'NotifyStartObserveResult') !== (m[6] !== undefined)) return undefined;
  const out: Draft<FastOp> = {
    op: kind,
    opName: kind,
    regionId: m[2],
    ver: m[3],
    confVer: m[4],
  };
  if (m[5] !== undefined) out.observeId = m[5];
  if (m[6] !== undefined) out.result = 'ok';
  return out;
}

export function observeOp(entry: LogEntry, file: number): ObserveOpEvent | undefined {
  const text = fieldValue(entry, 'op');
  if (text === undefined) return undefined;
  const fast = observeOpFast(text);
  if (fast !== undefined) {
    const ev: Draft<ObserveOpEvent> = { file, line: entry.line, ts: entry.ts, type: 'observe-op', op: fast.op, opName: fast.opName, regionId: fast.regionId };
    setDefined(ev, { ver: fast.ver, confVer: fast.confVer, observeId: fast.observeId, result: fast.result });
    return withBase(ev, entry);
  }
  return observeOpFromGrammar(entry, file, text);
}

/** The op through the Debug-text grammar: every shape, including errors and protobuf regions. */
export function observeOpFromGrammar(entry: LogEntry, file: number, text: string): ObserveOpEvent | undefined {
  const op = parseDebug(text);
  const name = typeName(op);
  const kind = name === undefined ? undefined : KINDS[name];
  if (name === undefined || kind === undefined) return undefined;
  const region = kind === 'HighMemUsageWarning' ? { id: numberText(field(op, 'inconsistent_region')) } : regionFacts(field(op, 'region'));
  if (!isDigits(region.id)) return undefined;
  const observeId = numberText(path(op, 'handle', 'id'));
  const err = kind === 'NotifyStartObserveResult' ? errorOf(field(op, 'err')) : {};
  const stale = err.inner === undefined ? undefined : staleFromTree(err.inner);
  const ev: Draft<ObserveOpEvent> = { file, line: entry.line, ts: entry.ts, type: 'observe-op', op: kind, opName: name, regionId: region.id };
  setDefined(ev, { ver: region.ver, confVer: region.confVer, observeId, result: err.result, error: err.error, stale });
  return withBase(ev, entry);
}

function staleFromTree(inner: DebugValue): ReturnType<typeof staleIdsIn> {
  // The message lives in a string somewhere under the error; render once and use the shared pattern.
  return observeIdsOf(inner).length >= 2 ? staleIdsIn(render(inner)) : undefined;
}
