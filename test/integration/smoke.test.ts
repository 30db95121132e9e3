import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

test('the build produced the CLI bundle', () => {
  assert.ok(existsSync('dist/cli.js'));
});
