// Placeholder until the CLI lands in the next commit.
process.stdout.write('tikv-trace\n');
