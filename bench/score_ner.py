#!/usr/bin/python3
"""Scores Lede's entity tagger conlleval-style (exact spans, per type and overall).

    bench/score_ner.py [--tagger build-ner/training/lede-train-ner]
                       [--model plugin/resources/ner-model.bin] [--data ../shared/data]
                       [--sets conll,meantime,gum] [--errors N]

The tagger runs on each set's own gold tokens (so tokenization does not blur
the figures) through `lede-train-ner tag`, which calls the library's
lede_ner_tag(): the same code and model the annotator uses.

Type mapping (Lede's types map back to CoNLL's: PERSON→PER, ORG→ORG,
GPE/LOC/FAC→LOC, NORP/EVENT/MISC→MISC; the tagger's own classes are the CoNLL
ones, and the refinement never moves a span):
  conll     valid.txt as it is, all four types.
  meantime  ENTITY_MENTIONs of syntactic_type NAM whose entity is PER/ORG/LOC,
            trimmed to their capitalized tokens, innermost spans winning (NAM
            mentions include appositions: "Airbus parent EADS"), on the
            sentences that carry annotation (MEANTIME annotates the first
            sentences of each article only)
            (PRO products and FIN figures are not named entities in CoNLL's
            sense); scored on PER/ORG/LOC: predicted MISC spans are ignored.
  gum       news and interview documents (dep/*.conllu); a gold span is an
            Entity= mention of type person/organization/place (→ PER/ORG/LOC)
            whose first and last tokens are PROPN and whose inner tokens are
            PROPN or function words (of, the, and, &, -, 's), after leading
            non-PROPN tokens are dropped ("Biologist Nick Bos"); outermost
            spans win. Scored on PER/ORG/LOC: predicted MISC spans are ignored.
"""
import argparse
import collections
import glob
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def spans(tags):
    """(start, end, type) of IOB1/IOB2 tags, conlleval's chunk rules."""
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ['O']):
        if t == 'O' or t.startswith('B-') or (t.startswith('I-') and t[2:] != typ):
            if start is not None:
                out.append((start, i, typ))
            start, typ = (None, None) if t == 'O' else (i, t[2:])
    return out


def score(docs, only=None):
    """docs: list of sentences, each a list of (token, gold, pred)"""
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    errors = collections.Counter()
    for sent in docs:
        toks = [t for t, _, _ in sent]
        gold = set(spans([g for _, g, _ in sent]))
        pred = set(spans([p for _, _, p in sent]))
        if only:
            gold = {s for s in gold if s[2] in only}
            pred = {s for s in pred if s[2] in only}
        for s in gold & pred:
            tp[s[2]] += 1
        for s in pred - gold:
            fp[s[2]] += 1
            same = [g for g in gold if g[:2] == s[:2]]
            kind = 'type %s->%s' % (same[0][2], s[2]) if same else (
                'boundary' if any(g[0] < s[1] and s[0] < g[1] for g in gold) else 'spurious ' + s[2])
            errors[kind] += 1
        for s in gold - pred:
            fn[s[2]] += 1
            if not any(p[:2] == s[:2] for p in pred) and not any(
                    p[0] < s[1] and s[0] < p[1] for p in pred):
                errors['missed ' + s[2]] += 1
                errors['  e.g. missed %s: %s' % (s[2], ' '.join(toks[s[0]:s[1]]))] += 1
    return tp, fp, fn, errors


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(name, tp, fp, fn, errors, n_errors):
    types = sorted(set(tp) | set(fp) | set(fn))
    print('== %s' % name)
    for t in types:
        p, r, f = prf(tp[t], fp[t], fn[t])
        print('  %-5s precision %6.2f%%  recall %6.2f%%  F1 %6.2f  (gold %d, found %d)'
              % (t, 100 * p, 100 * r, 100 * f, tp[t] + fn[t], tp[t] + fp[t]))
    p, r, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print('  ALL   precision %6.2f%%  recall %6.2f%%  F1 %6.2f' % (100 * p, 100 * r, 100 * f))
    if n_errors:
        print('  commonest errors:')
        kinds = [(k, v) for k, v in errors.most_common() if not k.startswith('  e.g.')]
        for k, v in kinds[:n_errors]:
            print('    %5d  %s' % (v, k))
        examples = [(k, v) for k, v in errors.most_common() if k.startswith('  e.g.')]
        for k, v in examples[:n_errors]:
            print('    %5d %s' % (v, k))
    return f


def run_tagger(args, docs):
    """docs: list of documents, each a list of sentences of (token, gold)"""
    with tempfile.NamedTemporaryFile('w', suffix='.conll', delete=False, encoding='utf-8') as f:
        for doc in docs:
            f.write('-DOCSTART- O\n\n')
            for sent in doc:
                for tok, gold in sent:
                    f.write('%s %s\n' % (tok.replace(' ', '_'), gold))
                f.write('\n')
        path = f.name
    try:
        out = subprocess.run([args.tagger, 'tag', args.model, path], check=True,
                             capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    sents, cur = [], []
    for line in out.split('\n'):
        if line.startswith('-DOCSTART-'):
            continue
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        cols = line.split(' ')
        cur.append((cols[0], cols[-2], cols[-1]))
    if cur:
        sents.append(cur)
    return sents


def read_conll(path):
    docs, doc, sent = [], [], []
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('-DOCSTART-'):
            if sent:
                doc.append(sent)
            if doc:
                docs.append(doc)
            doc, sent = [], []
        elif not line.strip():
            if sent:
                doc.append(sent)
            sent = []
        else:
            cols = line.split(' ')
            sent.append((cols[0], cols[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def to_iob(n, gold_spans):
    tags = ['O'] * n
    for s, e, t in gold_spans:
        tags[s] = 'B-' + t
        for i in range(s + 1, e):
            tags[i] = 'I-' + t
    return tags


def outermost(cands, innermost=False):
    kept = []
    for s, e, t in sorted(cands, key=lambda x: ((x[1] - x[0]) if innermost else (x[0] - x[1]), x[0])):
        if all(e <= k[0] or s >= k[1] for k in kept):
            kept.append((s, e, t))
    return kept


def read_meantime(data):
    docs = []
    tmap = {'PER': 'PER', 'ORG': 'ORG', 'LOC': 'LOC'}
    for path in sorted(glob.glob(os.path.join(data, 'meantime', 'intra-doc_annotation', '*', '*.xml'))):
        root = ET.parse(path).getroot()
        toks = root.findall('token')
        index = {t.get('t_id'): i for i, t in enumerate(toks)}
        entity_type = {}
        for e in root.iter('ENTITY'):
            entity_type[e.get('m_id')] = e.get('ent_type')
        mention_entity = {}
        for r in root.iter('REFERS_TO'):
            src = [s.get('m_id') for s in r.findall('source')]
            tgt = r.find('target').get('m_id')
            for s in src:
                mention_entity[s] = tgt
        cands = []
        for m in root.iter('ENTITY_MENTION'):
            if m.get('syntactic_type') != 'NAM':
                continue
            t = tmap.get(entity_type.get(mention_entity.get(m.get('m_id')), ''))
            ids = [index[a.get('t_id')] for a in m.findall('token_anchor') if a.get('t_id') in index]
            if t and ids:
                s, e = min(ids), max(ids) + 1
                # the name itself: trim leading/trailing tokens that are not capitalized
                while s < e and not (toks[s].text or ' ')[0].isupper():
                    s += 1
                while e > s and not (toks[e - 1].text or ' ')[0].isupper():
                    e -= 1
                if s < e:
                    cands.append((s, e, t))
        tags = to_iob(len(toks), outermost(cands, innermost=True))
        # MEANTIME annotates only the first sentences of each article: score
        # the sentences that hold any annotation
        annotated = {toks[index[a.get('t_id')]].get('sentence')
                     for a in root.iter('token_anchor') if a.get('t_id') in index}
        doc, sent, last = [], [], None
        for i, t in enumerate(toks):
            if t.get('sentence') not in annotated:
                continue
            if last is not None and t.get('sentence') != last and sent:
                doc.append(sent)
                sent = []
            last = t.get('sentence')
            sent.append(((t.text or '_').strip() or '_', tags[i]))
        if sent:
            doc.append(sent)
        docs.append(doc)
    return docs


FUNCTION = {'of', 'the', 'and', '&', '-', "'s", 'de', 'for', 'on', 'in'}


def read_gum(data):
    docs = []
    tmap = {'person': 'PER', 'organization': 'ORG', 'place': 'LOC'}
    files = sorted(glob.glob(os.path.join(data, 'gum', 'dep', 'GUM_news_*.conllu'))
                   + glob.glob(os.path.join(data, 'gum', 'dep', 'GUM_interview_*.conllu')))
    for path in files:
        words, upos, sent_of = [], [], []
        cands, stack = [], collections.defaultdict(list)
        sid = -1
        for line in open(path, encoding='utf-8'):
            line = line.rstrip('\n')
            if line.startswith('# sent_id') or (line.startswith('# text') and sid < 0):
                if line.startswith('# sent_id'):
                    sid += 1
                continue
            if not line or line.startswith('#'):
                continue
            cols = line.split('\t')
            if '-' in cols[0] or '.' in cols[0]:
                continue
            i = len(words)
            words.append(cols[1])
            upos.append(cols[3])
            sent_of.append(sid)
            misc = cols[9]
            m = re.search(r'Entity=([^|]*)', misc)
            if not m:
                continue
            ent = m.group(1)
            for opening in re.finditer(r'\((\d+)-([a-z]+)([^()]*)(\)?)', ent):
                eid, etype, closed = opening.group(1), opening.group(2), opening.group(4)
                if closed:
                    cands.append((i, i + 1, etype))
                else:
                    stack[eid].append((i, etype))
            rest = re.sub(r'\(\d+-[^()]*?\)', '', ent)
            rest = re.sub(r'\(\d+-[^()]*', '', rest)
            for closing in re.finditer(r'(\d+)\)', rest):
                eid = closing.group(1)
                if stack[eid]:
                    s, etype = stack[eid].pop()
                    cands.append((s, i + 1, etype))
        gold = []
        for s, e, t in cands:
            if t not in tmap:
                continue
            # the proper-name part: the PROPN run that ends the mention
            # ("Biologist Nick Bos" -> "Nick Bos")
            while s < e and upos[s] != 'PROPN':
                s += 1
            if s >= e or upos[e - 1] != 'PROPN':
                continue
            if not all(upos[k] == 'PROPN' or words[k].lower() in FUNCTION for k in range(s, e)):
                continue
            if sent_of[s] != sent_of[e - 1]:
                continue
            gold.append((s, e, tmap[t]))
        tags = to_iob(len(words), outermost(gold))
        doc, sent = [], []
        for i, w in enumerate(words):
            if i > 0 and sent_of[i] != sent_of[i - 1] and sent:
                doc.append(sent)
                sent = []
            sent.append((w, tags[i]))
        if sent:
            doc.append(sent)
        docs.append(doc)
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--tagger', default=os.path.join(ROOT, 'build-ner', 'training', 'lede-train-ner'))
    ap.add_argument('--model', default=os.path.join(ROOT, 'plugin', 'resources', 'ner-model.bin'))
    ap.add_argument('--data', default=os.environ.get('LEDE_SHARED_DATA',
                                                     os.path.join(ROOT, '..', 'shared', 'data')))
    ap.add_argument('--sets', default='conll,meantime,gum')
    ap.add_argument('--conll-file', default=None, help='another CoNLL file (e.g. a test split)')
    ap.add_argument('--errors', type=int, default=8)
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        print('no shared data at %s: nothing to score' % args.data)
        return 0
    for name in args.sets.split(','):
        if name == 'conll':
            path = args.conll_file or os.path.join(args.data, 'conll2003', 'valid.txt')
            sents = run_tagger(args, read_conll(path))
            report('CoNLL-2003 %s' % os.path.basename(path), *score(sents), args.errors)
        elif name == 'meantime':
            sents = run_tagger(args, read_meantime(args.data))
            report('MEANTIME (airbus, apple), PER/ORG/LOC', *score(sents, {'PER', 'ORG', 'LOC'}),
                   args.errors)
        elif name == 'gum':
            sents = run_tagger(args, read_gum(args.data))
            report('GUM news + interview, PER/ORG/LOC', *score(sents, {'PER', 'ORG', 'LOC'}),
                   args.errors)
    return 0


if __name__ == '__main__':
    sys.exit(main())
