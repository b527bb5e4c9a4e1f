"""What the scorers in bench/ share: the project's own binding (python/lede)."""
import os
import sys

# MEANTIME tokens that join the token before or after them without a space
MEANTIME_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "'", "''", "'re",
                            "'ve", "'ll", "'d", "'m"}
MEANTIME_NO_SPACE_AFTER = {"(", "[", "$", "``"}


def import_lede(who, library=None):
    """python/lede, loading `library` when given, else what the binding finds
    ($LEDE_LIBRARY, the build tree, the system); exits naming `who` on failure."""
    if library:
        os.environ["LEDE_LIBRARY"] = library
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
    try:
        import lede
    except ImportError as error:
        sys.exit("%s: %s" % (who, error))
    return lede


def meantime_text(root):
    """The text of a MEANTIME document rebuilt from its tokens (one line per
    sentence), and each token's code-point span by t_id."""
    pieces, spans, pos, prev_sentence, prev_tok = [], {}, 0, None, None
    for tok in root.iter("token"):
        word = tok.text or ""
        word = {"``": '"', "''": '"'}.get(word, word)
        sentence = tok.get("sentence")
        if prev_sentence is not None:
            sep = "\n" if sentence != prev_sentence else (
                "" if (tok.text in MEANTIME_NO_SPACE_BEFORE or prev_tok in MEANTIME_NO_SPACE_AFTER)
                else " ")
            pieces.append(sep)
            pos += len(sep)
        spans[tok.get("t_id")] = (pos, pos + len(word))
        pieces.append(word)
        pos += len(word)
        prev_sentence, prev_tok = sentence, tok.text
    return "".join(pieces), spans
