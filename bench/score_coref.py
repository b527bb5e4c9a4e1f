#!/usr/bin/python3
"""Scores Lede's entities (with the coref layer) as coreference: MUC, B³, CEAF-e and CoNLL F1.

    bench/score_coref.py [--data ../shared/data] [--sets meantime,gum-news,gum-interview]
                         [--gum-split all|train|dev] [--meantime-corpus all|airbus|apple]
                         [--layers coref] [--errors N]

Runs Lede through the project's binding (python/lede; LEDE_LIBRARY picks the library) on
the text rebuilt from each gold document, and compares the entities' mentions (names,
pronouns, titles and class nouns) with the gold identity clusters.

The key: the gold mentions Lede is meant to find. A gold cluster counts when one of its
mentions is a proper name and (GUM) its type is not time or quantity (days and months
are Lede's timexes, not entities); of its mentions count
  - proper names (MEANTIME syntactic_type NAM; GUM: the mention's head is PROPN, or
    the mention ends in a name that GUM hangs from a role noun as flat, "student
    Ahmed Mohamed": its head is then the name's first word);
  - third-person pronouns: he him his himself she her hers herself it its itself
    they them their theirs themselves (no first or second person: "I", "we", "you");
  - short nominals: at most five tokens, the first "the", the head a lower-case word of
    HEAD_NOUNS below (roles used as names, "the former Russian president", and class
    nouns, "the company").
Other mentions (longer descriptions, "a plane", appositions, conjunctions) are left
out of the key. The head of a gold mention: GUM's syntactic head (the token whose
HEAD lies outside the mention); in MEANTIME, which has no syntax, the last token before
the first ",", "(", "who", "which", "that" or "of" that follows a lower-case word.

Matching: a system mention matches the smallest unmatched key mention that contains it
and whose head it covers. Three responses are scored:
  as produced   every mention Lede output (unmatched ones count against precision);
  types mapped  as produced, less the mentions of a kind neither corpus annotates:
                nationalities used as adjectives (annotated_type below; decided from
                Lede's output alone, never from the gold);
  key mentions  only the system mentions that match a key mention (linking alone).
MEANTIME annotates only the first sentences of each article: system mentions after the
last annotated token are dropped. Singletons count (B³, CEAF-e); MUC ignores them.

Measures as in the CoNLL-2012 reference scorer: MUC (Vilain et al. 1995), B³ (Bagga and
Baldwin 1998), CEAF-e (Luo 2005, φ4 with an optimal one-to-one alignment); CoNLL F1 is
the mean of the three F1s.
"""
import argparse
import bisect
import collections
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

from bench_lede import import_lede
import score_sentences

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its",
            "itself", "they", "them", "their", "theirs", "themselves"}
HEAD_NOUNS = {
    # roles
    "president", "premier", "minister", "chairman", "chairwoman", "chair", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "ceo", "executive", "director", "governor",
    "mayor", "senator", "ambassador", "chancellor", "king", "queen", "prince", "pope",
    "leader", "founder", "co-founder", "head", "chief", "commander", "general", "judge",
    "prosecutor", "official", "officer", "manager", "coach", "editor", "professor",
    # class nouns standing for a named organization or place
    "company", "firm", "group", "corporation", "manufacturer", "maker", "airline",
    "carrier", "organization", "organisation", "agency", "party", "team", "club", "bank",
    "country", "nation", "city", "capital", "town", "island", "state", "government",
}
HEAD_STOP = {",", "(", "who", "which", "that", "of"}
# GUM entity types that Lede reports elsewhere (dates in "timexes") or not at all
NOT_ENTITIES = {"time", "quantity"}


class Doc:
    def __init__(self, name, text, key, end=None):
        self.name = name
        self.text = text
        self.key = key      # [(start, end, head_start, head_end, cluster)] in characters
        self.end = end      # characters after this are not annotated


def short_nominal(words):
    return (len(words) <= 5 and words[0].lower() == "the" and words[-1].isalpha()
            and words[-1].islower() and words[-1] in HEAD_NOUNS)


def keep_key(mentions):
    """mentions: [(start, end, head_start, head_end, cluster, kind)], kind in name/pronoun/
    nominal/other: the key mentions, of clusters that have a name."""
    named = {m[4] for m in mentions if m[5] == "name"}
    return [m[:5] for m in mentions if m[4] in named and m[5] != "other"]


# --- MEANTIME -------------------------------------------------------------

NO_SPACE_BEFORE = {",", ".", ":", ";", "'s", "n't", ")", "?", "!", "%", "'"}


def read_meantime(data, corpus="all"):
    docs = []
    pattern = "*" if corpus == "all" else "corpus_" + corpus
    for path in sorted(glob.glob(os.path.join(data, "meantime", "intra-doc_annotation", pattern, "*.xml"))):
        root = ET.parse(path).getroot()
        toks = root.findall("token")
        # text: the title (sentence 0) on its own line, the body as one paragraph
        text, spans, prev_sentence = "", [], None
        for t in toks:
            word = (t.text or "").strip() or "_"
            sentence = t.get("sentence")
            if prev_sentence is not None:
                if prev_sentence == "0" and sentence != "0":
                    text += "\n\n"
                elif word not in NO_SPACE_BEFORE and not text.endswith(("(", "$")):
                    text += " "
            spans.append((len(text), len(text) + len(word)))
            text += word
            prev_sentence = sentence
        index = {t.get("t_id"): i for i, t in enumerate(toks)}
        entity_of = {}
        for r in root.iter("REFERS_TO"):
            target = r.find("target").get("m_id")
            for s in r.findall("source"):
                entity_of[s.get("m_id")] = target
        mentions = []
        last = 0
        for m in root.iter("ENTITY_MENTION"):
            ids = sorted(index[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in index)
            if not ids or m.get("m_id") not in entity_of:
                continue
            s, e = ids[0], ids[-1] + 1
            last = max(last, e)
            words = [(toks[k].text or "").strip() for k in range(s, e)]
            head = s
            for k in range(s, e):
                w = words[k - s]
                if k > s and w in HEAD_STOP and (w != "of" or words[k - s - 1][:1].islower()):
                    break
                head = k
            if m.get("syntactic_type") == "NAM":
                kind = "name"
            elif e - s == 1 and words[0].lower() in PRONOUNS:
                kind = "pronoun"
            elif short_nominal(words):
                kind = "nominal"
            else:
                kind = "other"
            mentions.append((spans[s][0], spans[e - 1][1], spans[head][0], spans[head][1],
                             entity_of[m.get("m_id")], kind))
        end = spans[last - 1][1] if last else 0
        docs.append(Doc(os.path.basename(path)[:-4], text, keep_key(mentions), end))
    return docs


# --- GUM ------------------------------------------------------------------

def gum_words(path):
    """Per word: (form, upos, sentence, head index in the document or None, Entity= field,
    deprel)."""
    words, sentence, base = [], -1, 0
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# sent_id"):
            sentence += 1
            base = len(words)
            continue
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        head = int(cols[6]) if cols[6].isdigit() and cols[6] != "0" else None
        entity = re.search(r"Entity=([^|]*)", cols[9])
        words.append((cols[1], cols[3], sentence, None if head is None else base + head - 1,
                      entity.group(1) if entity else "", cols[7]))
    return words


def role_before_name(words, s, e, head):
    """GUM heads "student Ahmed Mohamed", "Facebook co-founder Mark Zuckerberg" on the
    common noun, the name hanging from it as `flat`: such a mention, ending in that
    name, is a name with a role before it. Returns the name's first word, or None."""
    if words[head][1] == "PROPN":
        return None
    for k in range(head + 1, e):
        if words[k][1] == "PROPN" and words[k][3] == head and words[k][5] == "flat":
            if all(words[j][1] == "PROPN" for j in range(k, e)):
                return k
            return None
    return None


def read_gum(data, genre, split):
    splits = {}
    current = None
    for line in open(os.path.join(data, "gum", "splits.md"), encoding="utf-8"):
        if line.startswith("## "):
            current = line[3:].strip()
        elif line.strip().startswith("* ") and current:
            splits[line.strip()[2:].strip()] = current
    docs = []
    for path in sorted(glob.glob(os.path.join(data, "gum", "dep", "GUM_%s_*.conllu" % genre))):
        name = os.path.basename(path)[:-len(".conllu")]
        if split != "all" and splits.get(name) != split:
            continue
        rebuilt = score_sentences.read_gum(path, "\n\n")
        words = gum_words(path)
        if len(rebuilt.tokens) != len(words):
            print("%s: tokens and words differ (%d, %d); skipped" % (name, len(rebuilt.tokens), len(words)),
                  file=sys.stderr)
            continue
        spans = rebuilt.tokens
        open_ = collections.defaultdict(list)
        etype, raw = {}, []
        for i, (_, _, _, _, field, _) in enumerate(words):
            for opening in re.finditer(r"\((\d+)-([a-z]+)[^()]*(\)?)", field):
                etype[opening.group(1)] = opening.group(2)
                if opening.group(3):
                    raw.append((i, i + 1, opening.group(1)))
                else:
                    open_[opening.group(1)].append(i)
            rest = re.sub(r"\(\d+-[^()]*?\)", "", field)
            rest = re.sub(r"\(\d+-[^()]*", "", rest)
            for closing in re.finditer(r"(\d+)\)", rest):
                if open_[closing.group(1)]:
                    raw.append((open_[closing.group(1)].pop(), i + 1, closing.group(1)))
        mentions = []
        for s, e, cluster in raw:
            if etype[cluster] in NOT_ENTITIES:
                continue
            heads = [k for k in range(s, e) if words[k][3] is None or not s <= words[k][3] < e]
            head = heads[0] if heads else e - 1
            forms = [words[k][0] for k in range(s, e)]
            named_role = role_before_name(words, s, e, head)
            if named_role is not None:
                head = named_role
            if words[head][1] == "PROPN":
                kind = "name"
            elif e - s == 1 and forms[0].lower() in PRONOUNS:
                kind = "pronoun"
            elif short_nominal(forms):
                kind = "nominal"
            else:
                kind = "other"
            mentions.append((spans[s][0], spans[e - 1][1], spans[head][0], spans[head][1], cluster, kind))
        docs.append(Doc(name, rebuilt.text, keep_key(mentions)))
    return docs


# --- Lede's response ------------------------------------------------------

def response(annotator, doc, layers):
    result = annotator.annotate(doc.text, layers=layers)
    mentions = []
    for e in result.get("entities", []):
        for m in e["mentions"]:
            if doc.end is not None and m["start"] >= doc.end:
                continue
            mentions.append((m["start"], m["end"], e["id"], m.get("kind", "name"), m["text"],
                             m.get("type", e.get("type"))))
    return mentions


def annotated_type(mention):
    """Whether the corpora's scheme annotates a Lede mention of this type: both annotate
    noun phrases only, so a nationality used as an adjective ("Afghan forces", NORP and
    not a plural noun such as "the Afghans") is no mention in either. Decided from the
    response alone, the same for every document."""
    return not (mention[5] == "NORP" and mention[3] == "name" and not mention[4].endswith("s"))


def align(key, sys_mentions):
    """system mention index → key mention index: the smallest unmatched key mention that
    contains the system mention and whose head it covers."""
    by_head = collections.defaultdict(list)
    for k, (s, e, hs, he, _) in enumerate(key):
        by_head[hs].append(k)
    heads = sorted(by_head)
    taken, matched = set(), {}
    for i, (s, e, *_rest) in enumerate(sys_mentions):
        best = None
        for h in heads[bisect.bisect_left(heads, s):bisect.bisect_left(heads, e)]:
            for k in by_head[h]:
                ks, ke = key[k][0], key[k][1]
                if k in taken or not (ks <= s and e <= ke and key[k][3] <= e):
                    continue
                if best is None or ke - ks < key[best][1] - key[best][0]:
                    best = k
        if best is not None:
            taken.add(best)
            matched[i] = best
    return matched


# --- measures -------------------------------------------------------------

def muc(key, response):
    def part(a, b):
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den
    return part(key, response), part(response, key)


def b_cubed(key, response):
    def part(a, b):
        where = {m: i for i, c in enumerate(b) for m in c}
        num = 0.0
        for c in a:
            overlap = collections.Counter(where[m] for m in c if m in where)
            num += sum(n * n for n in overlap.values()) / len(c)
        return num, sum(len(c) for c in a)
    return part(key, response), part(response, key)


def hungarian(weights):
    """Maximum-weight one-to-one assignment of a rows×cols matrix; the total weight."""
    n = max(len(weights), len(weights[0]) if weights else 0)
    if n == 0:
        return 0.0
    big = max((w for row in weights for w in row), default=0.0)
    cost = [[big - (weights[i][j] if i < len(weights) and j < len(weights[0]) else 0.0)
             for j in range(n)] for i in range(n)]
    # Jonker-Volgenant style shortest augmenting paths (O(n³))
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    total = 0.0
    for j in range(1, n + 1):
        i = p[j]
        if i and i - 1 < len(weights) and j - 1 < len(weights[0]):
            total += weights[i - 1][j - 1]
    return total


def ceaf_e(key, response):
    if not key or not response:
        return (0.0, len(key)), (0.0, len(response))
    weights = [[2.0 * len(k & r) / (len(k) + len(r)) for r in response] for k in key]
    best = hungarian(weights)
    return (best, len(key)), (best, len(response))


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


class Totals:
    def __init__(self):
        self.sums = collections.defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])

    def add(self, name, result):
        (rn, rd), (pn, pd) = result
        s = self.sums[name]
        s[0] += rn
        s[1] += rd
        s[2] += pn
        s[3] += pd

    def prf(self, name):
        rn, rd, pn, pd = self.sums[name]
        r = rn / rd if rd else 0.0
        p = pn / pd if pd else 0.0
        return p, r, f1(p, r)


def clusters(items):
    groups = collections.defaultdict(set)
    for mention, cluster in items:
        groups[cluster].add(mention)
    return [frozenset(g) for g in groups.values()]


def score_set(annotator, docs, layers, n_errors):
    totals = {"as produced": Totals(), "types mapped": Totals(), "key mentions": Totals()}
    counts = collections.Counter()
    errors = []
    for doc in docs:
        sys_mentions = response(annotator, doc, layers)
        matched = align(doc.key, sys_mentions)
        key = clusters(((k,), m[4]) for k, m in enumerate(doc.key))
        ids = [(matched[i],) if i in matched else ("sys", i) for i in range(len(sys_mentions))]
        produced = clusters((ids[i], m[2]) for i, m in enumerate(sys_mentions))
        mapped = clusters((ids[i], m[2]) for i, m in enumerate(sys_mentions) if annotated_type(m))
        on_key = clusters((ids[i], m[2]) for i, m in enumerate(sys_mentions) if i in matched)
        counts["documents"] += 1
        counts["key mentions"] += len(doc.key)
        counts["system mentions"] += len(sys_mentions)
        counts["matched"] += len(matched)
        for m in sys_mentions:
            counts["system " + m[3]] += 1
        for name, response_clusters in (("as produced", produced), ("types mapped", mapped),
                                        ("key mentions", on_key)):
            totals[name].add("MUC", muc(key, response_clusters))
            totals[name].add("B3", b_cubed(key, response_clusters))
            totals[name].add("CEAF-e", ceaf_e(key, response_clusters))
        # wrong links of pronouns and titles, for reading
        gold_of = {k: doc.key[k][4] for k in range(len(doc.key))}
        for i, m in enumerate(sys_mentions):
            if m[3] == "name" or i not in matched or len(errors) >= n_errors:
                continue
            names = [doc.text[x[0]:x[1]] for j, x in enumerate(sys_mentions)
                     if x[2] == m[2] and x[3] == "name"]
            gold = [doc.text[x[0]:x[1]] for x in doc.key if x[4] == gold_of[matched[i]]
                    and x is not doc.key[matched[i]]]
            if not any(n in g or g in n for n in names for g in gold):
                errors.append("%s: %r → %s (gold: %s)" % (doc.name, m[4], names[:2], gold[:3]))
    return totals, counts, errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("LEDE_SHARED_DATA",
                                                     os.path.join(ROOT, "..", "shared", "data")))
    ap.add_argument("--sets", default="meantime,gum-news,gum-interview")
    ap.add_argument("--gum-split", default="all", help="train, dev or all (default)")
    ap.add_argument("--meantime-corpus", default="all", help="airbus, apple or all (default)")
    ap.add_argument("--layers", default="coref",
                    help="layers to run: coref (default), or entities for the names-only baseline")
    ap.add_argument("--errors", type=int, default=0, help="print up to N wrong pronoun/title links")
    args = ap.parse_args()
    lede = import_lede("score_coref")
    annotator = lede.Annotator(offsets="codepoint")
    layers = [l for l in args.layers.split(",") if l]
    for name in args.sets.split(","):
        if name == "meantime":
            docs = read_meantime(args.data, args.meantime_corpus)
        elif name.startswith("gum-"):
            docs = read_gum(args.data, name[4:], args.gum_split)
        else:
            sys.exit("unknown set %s" % name)
        if not docs:
            print("%s: no documents under %s; skipped" % (name, args.data))
            continue
        totals, counts, errors = score_set(annotator, docs, layers, args.errors)
        print("== %s%s (layers: %s): %d documents, %d key mentions, %d system mentions "
              "(%s), %d matched" % (
                  name, " [%s]" % (args.gum_split if name.startswith("gum") else args.meantime_corpus),
                  ",".join(layers), counts["documents"], counts["key mentions"],
                  counts["system mentions"],
                  ", ".join("%d %s" % (counts["system " + k], k)
                            for k in ("name", "pronoun", "title", "nominal") if counts["system " + k]),
                  counts["matched"]))
        for response_name, t in totals.items():
            row = []
            conll = 0.0
            for measure in ("MUC", "B3", "CEAF-e"):
                p, r, f = t.prf(measure)
                conll += f / 3
                row.append("%s P %.3f R %.3f F1 %.3f" % (measure, p, r, f))
            print("  %-12s  %s  | CoNLL F1 %.3f" % (response_name, "  ".join(row), conll))
        for e in errors:
            print("   ", e)


if __name__ == "__main__":
    main()
