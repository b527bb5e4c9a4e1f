#!/usr/bin/python3
"""Scores Lede's events layer against MEANTIME's event mentions and participant links.

For each MEANTIME article (English, corpora airbus and apple; the text rebuilt from
its tokens, the document creation time given as the "date") Lede's event mentions
(each entry of events[].mentions) are compared with the gold EVENT_MENTIONs, on the
sentences MEANTIME annotates (the title and the first sentences):

  trigger precision   a Lede trigger is right when it shares a token with a gold
                      event mention (MEANTIME marks nearly every eventive verb and
                      noun, so recall against it says little and is not the aim);
  participants        for each Lede mention whose trigger is right (paired with the
                      gold mention it overlaps most), its participants against that
                      gold mention's links: HAS_PARTICIPANT Arg0 and Arg1 (entity
                      mentions), Argm-LOC (place), and TLINKs to a TIMEX3 in the text
                      (time). A participant matches a gold link when their spans
                      share a token; each link and each participant is matched once.
                      P = matched participants / Lede participants,
                      R = matched links / gold links of the paired gold mentions.
                      Lede's roles recipient and position are PropBank's Arg2, which
                      the brief leaves out: they are not scored (and are counted).
  role-aware          the same, with the role required to agree: agent = Arg0;
                      other, theme, destination = Arg1; place = Argm-LOC; time = TLINK.

usage: bench/score_events.py [--data DIR] [--corpus airbus|apple] [--errors N]
       LEDE_LIBRARY=build/plugin/liblede-1.so picks the library (else python/lede finds it).
"""

import argparse
import collections
import glob
import os
import re
import xml.etree.ElementTree as ET

from bench_lede import import_lede, meantime_text

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "score_events"

GOLD_ROLE = {"Arg0": "Arg0", "Arg1": "Arg1", "Argm-LOC": "LOC"}
LEDE_ROLE = {"agent": "Arg0", "other": "Arg1", "theme": "Arg1", "destination": "Arg1",
             "place": "LOC", "time": "TIME"}
UNSCORED_ROLES = {"recipient", "position"}


def read_gold(path):
    """Text, DCT, scored end, gold event mentions {m_id: (start, end)} and links
    {m_id: [(role, start, end)]}."""
    root = ET.parse(path).getroot()
    text, spans = meantime_text(root)
    sentence_of = {tok.get("t_id"): int(tok.get("sentence")) for tok in root.iter("token")}
    last = max((sentence_of[a.get("t_id")] for a in root.iter("token_anchor")), default=-1)
    scored_end = max((spans[t][1] for t, s in sentence_of.items() if s <= last), default=0)

    def extent(element):
        anchors = [a.get("t_id") for a in element.iter("token_anchor") if a.get("t_id") in spans]
        if not anchors:
            return None
        return min(spans[a][0] for a in anchors), max(spans[a][1] for a in anchors)

    markables = root.find("Markables")
    events, entities, timexes, dct = {}, {}, {}, None
    for element in markables:
        span = extent(element)
        if element.tag == "TIMEX3" and element.get("functionInDocument") == "CREATION_TIME":
            m = re.match(r"\d{4}-\d{2}-\d{2}", element.get("value", ""))
            dct = m.group(0) if m else None
            continue
        if span is None:
            continue
        if element.tag == "EVENT_MENTION":
            events[element.get("m_id")] = span
        elif element.tag == "ENTITY_MENTION":
            entities[element.get("m_id")] = span
        elif element.tag == "TIMEX3":
            timexes[element.get("m_id")] = span
    links = collections.defaultdict(list)
    relations = root.find("Relations")
    for rel in (relations if relations is not None else []):
        source = rel.find("source")
        target = rel.find("target")
        if source is None or target is None:
            continue
        s, t = source.get("m_id"), target.get("m_id")
        if rel.tag == "HAS_PARTICIPANT" and s in events and t in entities:
            role = GOLD_ROLE.get(rel.get("sem_role"))
            if role:
                links[s].append((role,) + entities[t])
        elif rel.tag == "TLINK":
            for e, x in ((s, t), (t, s)):
                if e in events and x in timexes:
                    links[e].append(("TIME",) + timexes[x])
    return text, dct, scored_end, events, links


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def lede_mentions(doc):
    """(type, trigger span, [(role, start, end)]) of every event mention."""
    timexes = doc.get("timexes", [])
    for event in doc.get("events", []):
        for m in event["mentions"]:
            args = [(event["participants"][k]["role"], event["participants"][k]["start"],
                     event["participants"][k]["end"]) for k in m["participants"]]
            args += [("place", event["places"][k]["start"], event["places"][k]["end"])
                     for k in m["places"]]
            if m["timex"] is not None:
                args.append(("time", timexes[m["timex"]]["start"], timexes[m["timex"]]["end"]))
            yield event["type"], (m["trigger"]["start"], m["trigger"]["end"]), args


def match(system, gold, same_role):
    """Greedy one-to-one matching by shared tokens; returns the number of pairs."""
    used, hits = set(), 0
    for role, s, e in system:
        for k, (grole, gs, ge) in enumerate(gold):
            if k in used or not overlaps((s, e), (gs, ge)):
                continue
            if same_role and LEDE_ROLE[role] != grole:
                continue
            used.add(k)
            hits += 1
            break
    return hits


class Score:
    def __init__(self):
        self.counts = collections.Counter()
        self.by_type = collections.defaultdict(collections.Counter)
        self.errors = collections.Counter()

    def add_doc(self, text, doc, scored_end, events, links):
        self.counts["gold_events"] += len(events)
        for etype, trigger, args in lede_mentions(doc):
            if trigger[0] >= scored_end:
                continue
            self.counts["triggers"] += 1
            self.by_type[etype]["triggers"] += 1
            paired = [(min(trigger[1], g[1]) - max(trigger[0], g[0]), m)
                      for m, g in events.items() if overlaps(trigger, g)]
            if not paired:
                self.errors["trigger not an event: " + text[trigger[0]:trigger[1]].lower()] += 1
                continue
            self.counts["right"] += 1
            self.by_type[etype]["right"] += 1
            gold = links.get(max(paired)[1], [])
            scored = [a for a in args if a[0] not in UNSCORED_ROLES]
            self.counts["unscored"] += len(args) - len(scored)
            self.counts["sys"] += len(scored)
            self.counts["gold"] += len(gold)
            hits = match(scored, gold, False)
            self.counts["hits"] += hits
            self.counts["role_hits"] += match(scored, gold, True)
            for role, s, e in scored:
                if not any(overlaps((s, e), g[1:]) for g in gold):
                    self.errors[f"spurious {role} of {etype}"] += 1
            for grole, s, e in gold:
                if not any(overlaps((s, e), a[1:]) for a in scored):
                    self.errors[f"missed {grole} of {etype}"] += 1

    def report(self, name):
        c = self.counts

        def prf(hits_p, hits_r, n_sys, n_gold):
            p = hits_p / n_sys if n_sys else 0.0
            r = hits_r / n_gold if n_gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        tp = c["right"] / c["triggers"] if c["triggers"] else 0.0
        p, r, f = prf(c["hits"], c["hits"], c["sys"], c["gold"])
        rp, rr, rf = prf(c["role_hits"], c["role_hits"], c["sys"], c["gold"])
        print(f"{name:<8} gold event mentions {c['gold_events']:4d} | Lede triggers {c['triggers']:3d}, "
              f"right {c['right']:3d}: precision {tp:.3f}")
        print(f"{'':<8} participants: Lede {c['sys']:3d} (+{c['unscored']} Arg2 roles unscored), "
              f"gold links {c['gold']:3d} | P {p:.3f} R {r:.3f} F1 {f:.3f} | "
              f"role-aware P {rp:.3f} R {rr:.3f} F1 {rf:.3f}")
        for etype, n in sorted(self.by_type.items()):
            print(f"{'':<10}{etype:<12} triggers {n['triggers']:3d} right {n['right']:3d}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("LEDE_SHARED_DATA",
                                                      os.path.join(ROOT, "..", "shared", "data")))
    ap.add_argument("--corpus", action="append", help="airbus, apple (default: both, apart)")
    ap.add_argument("--errors", type=int, default=12, help="how many error patterns to list")
    args = ap.parse_args()

    lede = import_lede(NAME)
    annotator = lede.Annotator(offsets="codepoint")
    print(f"library: {os.path.relpath(lede.library_path, ROOT)}")
    corpora = args.corpus or ["airbus", "apple"]
    total = Score()
    for corpus in corpora:
        files = sorted(glob.glob(os.path.join(args.data, "meantime", "intra-doc_annotation",
                                              f"corpus_{corpus}", "*.xml")))
        if not files:
            print(f"skip {corpus}: no MEANTIME files under {args.data}")
            continue
        score = Score()
        for path in files:
            text, dct, scored_end, events, links = read_gold(path)
            doc = annotator.annotate(text, date=dct)
            score.add_doc(text, doc, scored_end, events, links)
            total.add_doc(text, doc, scored_end, events, links)
        score.report(corpus)
    if len(corpora) > 1 and total.counts["triggers"]:
        total.report("all")
    print(f"\n{args.errors} commonest errors (all corpora read):")
    for key, n in total.errors.most_common(args.errors):
        print(f"{n:4d}  {key}")


if __name__ == "__main__":
    main()
