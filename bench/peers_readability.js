#!/usr/bin/env node
// peers_readability.js: the Readability.js peer for bench/run.sh clean.
//
//   node bench/peers_readability.js FILE.html...
//
// For each file: parse it with linkedom (the light DOM people pair with
// Readability.js outside a browser), run Mozilla's Readability on it and
// print {"file","title","text"} as one JSON line on stdout, as newsclean
// prints its documents. A page that fails is named on stderr and skipped.
// Packages come from bench/peers/ (installed by bench/install-peers.sh).
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const peers = createRequire(path.join(__dirname, 'peers', 'package.json'));
const { parseHTML } = peers('linkedom');
const { Readability } = peers('@mozilla/readability');

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: peers_readability.js FILE.html...\n');
  process.exit(2);
}
let failed = 0;
const out = [];
for (const f of files) {
  try {
    const html = fs.readFileSync(f, 'utf8');
    const { document } = parseHTML(html);
    const art = new Readability(document).parse();
    out.push(JSON.stringify({ file: path.basename(f),
      title: art ? art.title : null,
      text: art ? art.textContent : null }));
  } catch (e) {
    failed++;
    process.stderr.write(`peers_readability: ${f}: ${e.message}\n`);
  }
}
process.stdout.write(out.join('\n') + '\n');
process.exitCode = failed ? 1 : 0;
