#!/usr/bin/env node
// peers_tag.js: tagging peers for bench/run.sh tag.
//
//   node bench/peers_tag.js compromise|chrono FILE [REFDATE]
//
// Reads FILE, one sentence a line, and prints one JSON object of
// annotations a line on stdout, as newstag -t does.
//   compromise  nlp(line): people(), places(), organizations()
//   chrono      chrono-node's parse(line, REFDATE) (dates and times,
//               resolved against REFDATE, default 2025-11-22)
// Prints the annotation count on stderr.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const peers = createRequire(path.join(__dirname, 'peers', 'package.json'));

const [mode, file, ref] = process.argv.slice(2);
let tag;
if (mode === 'compromise') {
  const nlp = peers('compromise');
  tag = (s) => {
    const doc = nlp(s);
    const ents = [];
    for (const [type, m] of [['PER', doc.people()], ['LOC', doc.places()],
      ['ORG', doc.organizations()]]) {
      for (const t of m.out('array')) ents.push({ text: t, type });
    }
    return { entities: ents };
  };
} else if (mode === 'chrono') {
  const chrono = peers('chrono-node');
  const refDate = new Date((ref || '2025-11-22') + 'T12:00:00Z');
  tag = (s) => ({
    dates: chrono.parse(s, refDate).map((r) => ({
      text: r.text, start: r.index, end: r.index + r.text.length,
      value: r.start.date().toISOString(),
    })),
  });
} else {
  process.stderr.write('usage: peers_tag.js compromise|chrono FILE [REFDATE]\n');
  process.exit(2);
}
const lines = fs.readFileSync(file, 'utf8').split('\n');
let n = 0;
let out = [];
for (const line of lines) {
  if (line === '') continue;
  const a = tag(line);
  n += (a.entities || a.dates).length;
  out.push(JSON.stringify(a));
  if (out.length >= 4096) {
    fs.writeSync(1, out.join('\n') + '\n');
    out = [];
  }
}
if (out.length) fs.writeSync(1, out.join('\n') + '\n');
process.stderr.write(`${n} annotations\n`);
