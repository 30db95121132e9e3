// Lookups over the report of the committed #18243 sample (store 1 with the race, store 2 with the follower).
// Expected places are found in the log text itself, not copied from the engine's output.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../src/core/report';
import {
  definitionAt, documentOutline, idAt, idsInLine, issuedPlace, observeIdPlaces, raceWinner, referencesOf, regionFirstEvent, regionLatestRole, rootFinding,
  rootLink,
} from '../../src/extension/lookup';
import { analyzeFiles } from '../../src/node/analyze';

const dir = join(import.meta.dirname, '..', '..', 'samples', 'tikv-18243');
const paths = [join(dir, 'tikv.log'), join(dir, 'tikv-store2.log')];
const texts = paths.map((p) => readFileSync(p, 'utf8').split('\n'));
const S1 = 0;
const S2 = 1;

/** 1-based number of the first line of `file` containing every one of `parts`. */
function lineOf(file: number, ...parts: string[]): number {
  const i = texts[file].findIndex((t) => parts.every((p) => t.includes(p)));
  assert.ok(i >= 0, `no line with ${parts.join(' + ')}`);
  return i + 1;
}

function textOf(file: number, line: number): string {
  return texts[file][line - 1];
}

/** Column of the `n`-th `word` on a line (0-based). */
function col(file: number, line: number, word: string, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = textOf(file, line).indexOf(word, at + 1);
  assert.ok(at >= 0, `${word} not on line ${line}`);
  return at;
}

describe('lookups on the #18243 sample', () => {
  let report: Report;
  // Lines as the log shows them.
  let staleError: number, newerStart: number, olderStart: number, leader: number, registerRanges: number, inactivated: number, firstSkip: number;
  let startListenNewer: number;

  before(() => {
    report = analyzeFiles(paths.map((path) => ({ path, withIds: true })));
    staleError = lineOf(S1, 'backup stream meet error', 'stale observe id ObserveId(191299)');
    newerStart = lineOf(S1, 'on_modify_observe', 'Start { region: Region { id: 319305', 'ObserveId(191374)');
    olderStart = lineOf(S1, 'on_modify_observe', 'Start { region: Region { id: 319305', 'ObserveId(191299)');
    leader = lineOf(S1, 'became leader at term 9', 'region_id=319305');
    registerRanges = lineOf(S1, 'register backup stream ranges');
    inactivated = lineOf(S1, 'Inactivating subscription', 'ObserveId(191299)');
    firstSkip = lineOf(S1, 'pending region, skip resolving', 'r.id=319305');
    startListenNewer = lineOf(S1, 'start listen stream from store', 'ObserveId(191374)');
  });

  test('idAt: the id whose digits the cursor is on or just after, from the line text or from the index', () => {
    const c = col(S1, staleError, '191299');
    for (const lineText of [textOf(S1, staleError), undefined]) {
      assert.deepEqual(idAt(report, S1, staleError, c, lineText), { kind: 'observe', value: '191299', start: c, end: c + 6 });
      assert.equal(idAt(report, S1, staleError, c + 6, lineText)?.value, '191299');
      assert.equal(idAt(report, S1, staleError, c - 2, lineText), undefined); // on "d(" of ObserveId(
    }
    const r = col(S1, firstSkip, '319305');
    assert.deepEqual(idAt(report, S1, firstSkip, r + 3, textOf(S1, firstSkip)), { kind: 'region', value: '319305', start: r, end: r + 6 });
    assert.equal(idAt(report, S1, firstSkip, 5, textOf(S1, firstSkip)), undefined); // in the timestamp
    assert.deepEqual(idsInLine('not a log line 319305'), []);
  });

  test('F12 on the stale error line: each token to its own origin; off the tokens, the Start that won the race', () => {
    const expected = { file: S1, line: newerStart, start: col(S1, newerStart, '191374'), end: col(S1, newerStart, '191374') + 6 };
    assert.deepEqual(raceWinner(report, S1, staleError), expected);
    const f12 = (word: string, n = 0) => definitionAt(report, S1, staleError, col(S1, staleError, word, n) + 1, textOf(S1, staleError));
    assert.deepEqual(f12('backup stream'), [expected]);
    // The rejected id was issued by the leader change, the winning one by the registration's scan: each token is
    // followed to its own op, in both places the line names them (the error message and the raftstore reply).
    for (const n of [0, 1]) {
      assert.deepEqual(f12('191299', n), [{ file: S1, line: leader }], `191299 #${n}`);
      assert.deepEqual(f12('191374', n), [{ file: S1, line: registerRanges }], `191374 #${n}`);
    }
    const region = f12('319305');
    assert.equal(region.length, 1);
    assert.equal(region[0].line, staleError); // the region's root cause finding sits on this very line
    assert.equal(textOf(S1, staleError).slice(region[0].start, region[0].end), '319305');
    assert.equal(raceWinner(report, S1, olderStart), undefined);
  });

  test('F12 on an ObserveId goes to where it was issued: the leader change, or the registration scan', () => {
    assert.deepEqual(definitionAt(report, S1, olderStart, col(S1, olderStart, '191299'), textOf(S1, olderStart)), [{ file: S1, line: leader }]);
    assert.deepEqual(definitionAt(report, S1, startListenNewer, col(S1, startListenNewer, '191374'), textOf(S1, startListenNewer)), [
      { file: S1, line: registerRanges },
    ]);
    // An id no op is known to have sent: its first mention.
    const other = texts[S1].findIndex((t) => t.includes('start listen stream from store') && !t.includes('319305')) + 1;
    const id = /ObserveId\((\d+)\)/.exec(textOf(S1, other))?.[1] ?? '';
    const first = lineOf(S1, `ObserveId(${id})`);
    assert.equal(issuedPlace(report, id, report.files[S1].store)?.line, first);
    assert.equal(definitionAt(report, S1, other, col(S1, other, id), textOf(S1, other))[0]?.line, first);
  });

  test('F12 on a region id goes to the root cause finding (the stale error), else the region\'s latest role change', () => {
    const places = definitionAt(report, S1, firstSkip, col(S1, firstSkip, '319305'), textOf(S1, firstSkip));
    assert.equal(places.length, 1);
    assert.equal(places[0].line, staleError);
    assert.equal(textOf(S1, staleError).slice(places[0].start, places[0].end), '319305');
    assert.equal(rootFinding(report, '319305', report.files[S1].store)?.rule, 'stale-observe-reorder');
    // Store 2 has no finding for the region: the root cause is store 1's.
    assert.equal(rootFinding(report, '319305', report.files[S2].store)?.location.line, staleError);
    // A region with events and no finding: F12 goes to its latest role change (not its first).
    const isRole = (t: string) => /became (pre-candidate|candidate|leader|follower)/.test(t) && t.includes('region_id=404312');
    const firstRole = texts[S1].findIndex(isRole) + 1;
    const latestRole = texts[S1].reduce((last, t, i) => (isRole(t) ? i + 1 : last), 0);
    assert.ok(latestRole > firstRole, 'the sample has several role changes for the region');
    assert.equal(regionFirstEvent(report, '404312', S1)?.line, firstRole);
    assert.equal(regionLatestRole(report, '404312', report.files[S1].store)?.line, latestRole);
    const mention = lineOf(S1, 'region_id=404312');
    assert.deepEqual(definitionAt(report, S1, mention, col(S1, mention, '404312', textOf(S1, mention).split('404312').length - 2), textOf(S1, mention))[0]?.line, latestRole);
  });

  test('references: every mention of the region in both stores\' files, with exact columns', () => {
    const refs = referencesOf(report, 'region', '319305');
    assert.ok(refs.some((r) => r.file === S2) && refs.some((r) => r.file === S1));
    for (const r of refs) assert.equal(textOf(r.file, r.line).slice(r.start, r.end), '319305');
    for (const field of ['region_id=319305', 'r.id=319305', 'Region { id: 319305']) {
      for (const file of [S1, S2]) {
        texts[file].forEach((t, i) => {
          const at = t.indexOf(field);
          if (at < 0) return;
          const start = at + field.length - 6;
          assert.ok(refs.some((r) => r.file === file && r.line === i + 1 && r.start === start), `${file}:${i + 1} ${field}`);
        });
      }
    }
  });

  test('ObserveId references stay in the store that allocated the id', () => {
    const s1 = referencesOf(report, 'observe', '191299', report.files[S1].store);
    const expected = texts[S1].reduce((n, t) => n + t.split('ObserveId(191299)').length - 1, 0);
    assert.equal(s1.length, expected);
    assert.deepEqual(referencesOf(report, 'observe', '191299', report.files[S2].store), []);
  });

  test('where an ObserveId was issued, processed, listened to, rejected and where it won', () => {
    const store = report.files[S1].store;
    const older = observeIdPlaces(report, '191299', store);
    assert.deepEqual(older.issued.map((p) => [p.line, p.what]), [[leader, 'Start sent by the new leader']]);
    assert.ok(older.processed.some((p) => p.line === olderStart && p.what === 'Start processed'));
    assert.ok(older.listening.some((p) => p.line === inactivated && p.what === 'left pending'));
    assert.deepEqual(older.rejected.map((p) => [p.line, p.other]), [[staleError, '191374']]);
    assert.deepEqual(older.won, []);
    const newer = observeIdPlaces(report, '191374', store);
    assert.deepEqual(newer.issued.map((p) => [p.line, p.what]), [[registerRanges, "Start sent by the task registration's leader scan"]]);
    assert.deepEqual(newer.won.map((p) => [p.line, p.other]), [[staleError, '191299']]);
    assert.deepEqual(newer.rejected, []);
    assert.deepEqual(observeIdPlaces(report, '191299', report.files[S2].store).processed, []);
  });

  test('root cause links: the older Start for the reorder, the reorder for the lost observation', () => {
    const reorder = report.result.findings.find((f) => f.rule === 'stale-observe-reorder');
    const lost = report.result.findings.find((f) => f.rule === 'observation-lost');
    assert.ok(reorder && lost);
    const r = rootLink(reorder);
    assert.equal(r?.cause.line, olderStart);
    assert.equal(r?.short, 'ObserveId(191299) handled after newer ObserveId(191374)');
    const l = rootLink(lost);
    assert.equal(l?.cause.line, staleError);
    assert.match(l?.short ?? '', /Older Start processed after a newer one/);
    // F12 on the lost-observation line, off any id, follows the same link.
    assert.deepEqual(definitionAt(report, S1, lost.location.line, 1, textOf(S1, lost.location.line)), [{ file: S1, line: staleError }]);
  });

  test('outline: findings and regions with their role and subscription changes, in line order', () => {
    const items = documentOutline(report, S1);
    assert.deepEqual(items.map((i) => i.line), [...items.map((i) => i.line)].sort((a, b) => a - b));
    const findings = items.filter((i) => i.kind === 'finding').map((i) => [i.name, i.line]);
    assert.deepEqual(findings, [['stale-observe-reorder: region 319305', staleError], ['observation-lost: region 319305', inactivated]]);
    const region = items.find((i) => i.kind === 'region' && i.name === 'region 319305');
    assert.ok(region);
    assert.deepEqual(region.children.filter((c) => c.kind === 'role').map((c) => [c.name, c.line]), [
      ['term 8: pre-candidate', lineOf(S1, 'became pre-candidate at term 8', 'region_id=319305')],
      ['term 9: candidate', lineOf(S1, 'became candidate at term 9', 'region_id=319305')],
      ['term 9: leader', leader],
    ]);
    assert.deepEqual(region.children.filter((c) => c.kind === 'subscription').map((c) => c.name), [
      'running ObserveId(191374)', 'absent ObserveId(191374)', 'running ObserveId(191299)', 'pending ObserveId(191299)',
    ]);
    assert.equal(region.line, region.children[0].line);
    assert.equal(region.endLine, inactivated);
    // Store 2's file: the follower side of the same region, and no findings.
    const s2 = documentOutline(report, S2);
    assert.equal(s2.filter((i) => i.kind === 'finding').length, 0);
    const follower = s2.find((i) => i.name === 'region 319305');
    assert.deepEqual(follower?.children.map((c) => [c.name, c.line]), [['term 9: follower', lineOf(S2, 'became follower at term 9', 'region_id=319305')]]);
  });
});
