// The harness itself: it must fail clearly when the build is missing, record failures, and leave nothing running.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  activeTab, checkPrerequisites, clickWord, cursorPosition, hover, keepRunDir, problemRow, processesMentioning, quickOpen,
  runCommand, startWorkbench, waitForCursor, type Workbench,
} from './harness';

// Built-in language features stand in for the extension's, so the helpers are proven before a scenario relies on them.
const helperFiles = {
  'broken.json': '{\n  "region": 1001\n  "store": 1\n}\n',
  'notes.md': '# Notes\n\nSee [the log][ref] and https://example.com/region/1001 for details.\n\n[ref]: ./tikv.log\n',
};

describe('harness', () => {
  test('a checkout without a package fails with a message that says what to run', () => {
    const empty = mkdtempSync(join(tmpdir(), 'tikv-trace-e2e-empty-'));
    try {
      assert.throws(() => checkPrerequisites(empty), /tikv-trace\.vsix is missing: run `npm run package`/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  describe('one workbench: the helpers, a failed step, then teardown', () => {
    let wb: Workbench;

    before(async () => {
      wb = await startWorkbench('harness', { workspace: { fixtures: ['tikv.log'], files: helperFiles } });
    }, { timeout: 120_000 });

    after(async () => {
      await wb?.close();
    });

    test('problemRow finds the JSON parser\'s diagnostic in the Problems panel', async () => {
      await wb.step('problems', async (page) => {
        await quickOpen(page, 'broken.json');
        const row = await problemRow(page, 'Expected comma');
        assert.match(await row.innerText(), /\[Ln 3, Col 3\]/);
        await wb.screenshot('problems');
      });
    });

    test('clickWord + F12 + waitForCursor follow a Markdown reference link to its definition', async () => {
      await wb.step('definition', async (page) => {
        await quickOpen(page, 'notes.md');
        // F12 before the Markdown language server is up does nothing. The heading in the breadcrumbs comes from that
        // server, so once it shows, its definition provider answers too.
        await page.locator('.monaco-breadcrumb-item', { hasText: '# Notes' }).waitFor();
        await clickWord(page, 'See [the log]', 'ref');
        assert.equal((await waitForCursor(page, 3)).line, 3);
        await page.keyboard.press('F12');
        assert.deepEqual(await waitForCursor(page, 5, 1), { line: 5, column: 1, text: 'Ln 5, Col 1' });
        assert.deepEqual(await cursorPosition(page), { line: 5, column: 1, text: 'Ln 5, Col 1' });
      });
    });

    test('hover returns the text of the hover box over a word', async () => {
      await wb.step('hover', async (page) => {
        const text = await hover(page, 'https://example.com', 'example', /Follow link/);
        assert.match(text, /Follow link/);
        await wb.screenshot('hover');
      });
    });

    test('runCommand runs a palette command by its title', async () => {
      await wb.step('command', async (page) => {
        await runCommand(page, 'File: New Untitled Text File');
        await activeTab(page, 'Untitled-1').waitFor();
      });
    });

    test('a failing step rejects with its screenshot path, and the screenshot exists', async () => {
      await assert.rejects(
        wb.step('deliberate failure', async () => { throw new Error('deliberate'); }),
        (error: Error) => {
          const shot = /screenshot: (\S+\.png)/.exec(error.message)?.[1];
          assert.ok(error.message.startsWith('deliberate'), error.message);
          assert.ok(shot !== undefined && existsSync(shot), `no screenshot in: ${error.message}`);
          return true;
        },
      );
    });

    test('close() stops the server, the extension host and chromium, and removes the temp dirs', async () => {
      const { runDir, pid } = wb.server;
      const running = processesMentioning(runDir);
      // The scan must see the run's processes while they live, or its empty result below would prove nothing.
      assert.ok(running.some((p) => p.pid === pid), `server pid ${pid} not found among ${JSON.stringify(running)}`);
      assert.ok(running.some((p) => /chrom/.test(p.command)), `no chromium process found among ${JSON.stringify(running)}`);

      await wb.close();
      await wb.close(); // idempotent: the after hook calls it again

      assert.deepEqual(processesMentioning(runDir), []);
      assert.throws(() => process.kill(-pid, 0), { code: 'ESRCH' }, 'the server process group is still alive');
      assert.equal(existsSync(runDir), keepRunDir);
    });
  });
});
