#!/usr/bin/env node
// peers_split.js: sentence-splitting peers for bench/run.sh split and
// eval/split.py.
//
//   node bench/peers_split.js sentencex|icu FILE
//   node bench/peers_split.js sentencex|icu --jsonl FILE
//
// Plain mode reads FILE (UTF-8 text, one paragraph a line, as newssplit -t
// takes it), splits each line into sentences and prints one sentence a
// line on stdout, as newssplit -t does; English rules.
// --jsonl mode reads JSON Lines records {"id", "text", "language"} and
// prints {"id", "sentences": [string, ...]} a line, each sentence trimmed,
// split with the record's language (English when it has none); eval
// scores these beside newssplit's.
//   sentencex  Wikimedia's sentencex, segment(lang, text)
//   icu        ICU through Intl.Segmenter(lang, {granularity: "sentence"})
// Prints the sentence count on stderr.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const args = process.argv.slice(2);
const mode = args[0];
const jsonl = args[1] === '--jsonl';
const file = jsonl ? args[2] : args[1];
let split;
if (mode === 'sentencex') {
  const peers = createRequire(path.join(__dirname, 'peers', 'package.json'));
  const sx = peers('sentencex');
  split = (s, lang) => sx.segment(lang, s);
} else if (mode === 'icu') {
  const segs = new Map();
  split = (s, lang) => {
    let seg = segs.get(lang);
    if (seg === undefined) {
      seg = new Intl.Segmenter(lang, { granularity: 'sentence' });
      segs.set(lang, seg);
    }
    return Array.from(seg.segment(s), (x) => x.segment);
  };
} else {
  process.stderr.write('usage: peers_split.js sentencex|icu [--jsonl] FILE\n');
  process.exit(2);
}
if (file === undefined) {
  process.stderr.write('usage: peers_split.js sentencex|icu [--jsonl] FILE\n');
  process.exit(2);
}
const text = fs.readFileSync(file, 'utf8');
let n = 0;
let out = [];
let outLen = 0;
function flush(force) {
  if (out.length && (force || outLen > 1 << 20)) {
    fs.writeSync(1, out.join('\n') + '\n');
    out = [];
    outLen = 0;
  }
}
for (const line of text.split('\n')) {
  if (line === '') continue;
  if (jsonl) {
    const rec = JSON.parse(line);
    let sents = [];
    try {
      sents = split(rec.text || '', rec.language || 'en')
        .map((s) => s.trim()).filter((s) => s !== '');
    } catch (e) {
      // a peer that throws on a record scores it as unsplit
      process.stderr.write(`${rec.id}: ${e}\n`);
      sents = [(rec.text || '').trim()];
    }
    n += sents.length;
    const o = JSON.stringify({ id: rec.id, sentences: sents });
    out.push(o);
    outLen += o.length;
  } else {
    for (const s of split(line, 'en')) {
      const t = s.trim();
      if (t === '') continue;
      out.push(t);
      outLen += t.length;
      n++;
    }
  }
  flush(false);
}
flush(true);
process.stderr.write(`${n} sentences\n`);
