// The queue view's unit tests analyse the e2e fixture (the #18243 sequence) with the core only: parser, events,
// engine. What the tests check is then what the view shows for a real log, not for a hand-made queue.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/core/engine';
import { extractEvents } from '../../src/core/events';
import { countLine, emptyStats } from '../../src/core/lineStats';
import { parseText } from '../../src/core/parser';
import type { Report } from '../../src/core/report';

export const QUEUE_FIXTURE = join(import.meta.dirname, '..', 'e2e', 'fixtures', 'queue', 'tikv.log');

export function analyseText(text: string, path = 'logs/tikv.log'): Report {
  const analyzer = new Analyzer({ storeOf: () => path });
  const stats = emptyStats();
  for (const p of parseText(text)) {
    countLine(stats, p);
    if (p.kind === 'entry') for (const ev of extractEvents(p, 0)) analyzer.add(ev);
  }
  return { files: [{ path, store: path, stats }], result: analyzer.finish(), ids: {}, ms: 0, firstFindingMs: null };
}

export function fixtureText(): string {
  return readFileSync(QUEUE_FIXTURE, 'utf8');
}

export function fixtureReport(): Report {
  return analyseText(fixtureText());
}
