#!/usr/bin/env node
// peers_split.js: sentence-splitting peers for bench/run.sh split.
//
//   node bench/peers_split.js sentencex|icu FILE
//
// Reads FILE (UTF-8 text, one paragraph a line, as newssplit -t takes it),
// splits each line into sentences and prints one sentence a line on
// stdout, as newssplit -t does.
//   sentencex  Wikimedia's sentencex, segment("en", line)
//   icu        ICU through Intl.Segmenter("en", {granularity: "sentence"})
// Prints the sentence count on stderr.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [mode, file] = process.argv.slice(2);
let split;
if (mode === 'sentencex') {
  const peers = createRequire(path.join(__dirname, 'peers', 'package.json'));
  const sx = peers('sentencex');
  split = (s) => sx.segment('en', s);
} else if (mode === 'icu') {
  const seg = new Intl.Segmenter('en', { granularity: 'sentence' });
  split = (s) => Array.from(seg.segment(s), (x) => x.segment);
} else {
  process.stderr.write('usage: peers_split.js sentencex|icu FILE\n');
  process.exit(2);
}
const text = fs.readFileSync(file, 'utf8');
let n = 0;
let out = [];
let outLen = 0;
for (const line of text.split('\n')) {
  if (line === '') continue;
  for (const s of split(line)) {
    const t = s.trim();
    if (t === '') continue;
    out.push(t);
    outLen += t.length;
    n++;
  }
  if (outLen > 1 << 20) {
    fs.writeSync(1, out.join('\n') + '\n');
    out = [];
    outLen = 0;
  }
}
if (out.length) fs.writeSync(1, out.join('\n') + '\n');
process.stderr.write(`${n} sentences\n`);
