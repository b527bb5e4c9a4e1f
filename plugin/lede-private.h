/* lede-private.h — the internal tables every layer reads and fills.
 *
 * Everything here is a UTF-8 byte offset into LedeDoc.text, end exclusive.
 * A LedeModel is built once and never changes; a LedeDoc belongs to one call.
 */
#pragma once

#include <glib.h>
#include <lede/lede-gobject.h>

G_BEGIN_DECLS

typedef struct {
  guint32 start;
  guint32 end;
} LedeSpan;

#define LEDE_SPAN_IS_SET(s) ((s).end > (s).start)

/* A block of the article's structure. The blocks cover the text's lines in
 * order and never overlap; a credit or dateline that opens a line is its own
 * block, followed by the paragraph that the rest of the line begins. */
typedef struct {
  LedeStructureKind kind;
  LedeSpan    span;
  LedeSpan    who;      /* credit: the reporter's name(s); dateline: the place */
  LedeSpan    agency;   /* credit: the source after '/'; dateline: the agency */
  LedeSpan    when;     /* dateline: the date written in it */
  const char *subkind;  /* static label: credit "compiled"/"byline"/...; boilerplate "read-more"/... */
} LedeBlock;

typedef struct {
  guint32       start;
  guint32       end;
  LedeTokenKind kind;
} LedeToken;

typedef struct {
  guint32 start;
  guint32 end;
  guint32 first_token;  /* index into LedeDoc.tokens */
  guint32 n_tokens;
} LedeSentence;

typedef enum {
  LEDE_TIMEX_DATE,
  LEDE_TIMEX_TIME,
  LEDE_TIMEX_DURATION,
  LEDE_TIMEX_SET,
} LedeTimexType;

/* A temporal expression with its TIMEX3 type and normalized value. */
typedef struct {
  guint32       start;
  guint32       end;
  LedeTimexType type;
  char         *value;    /* TIMEX3 value: "2022-12-21", "2022-W50", "P5Y", "PAST_REF", "XXXX-XX-21" */
  const char   *mod;      /* static TIMEX3 mod ("START", "MID", "APPROX", ...) or NULL */
  const char   *anchor;   /* static: what the value rests on: "publication", "dateline", "timex", "none" */
  gint32        anchor_timex; /* with anchor "timex": index of the timex it was resolved against, else -1 */
} LedeTimex;

/* Entity types: the tagger's four CoNLL classes, refined (lede-entities.c). */
typedef enum {
  LEDE_ENTITY_PERSON,
  LEDE_ENTITY_ORG,
  LEDE_ENTITY_GPE,
  LEDE_ENTITY_LOC,
  LEDE_ENTITY_FAC,
  LEDE_ENTITY_NORP,
  LEDE_ENTITY_EVENT,
  LEDE_ENTITY_MISC,
} LedeEntityType;

/* A named mention of an entity. */
typedef struct {
  guint32        start;
  guint32        end;
  guint32        first_token;
  guint32        n_tokens;
  LedeEntityType type;
  guint32        entity;   /* index into LedeDoc.entities */
  gboolean       media;    /* an ORG that is a news outlet */
} LedeMention;

/* An entity: its mentions grouped (same text, or a surname of a full name). */
typedef struct {
  LedeEntityType type;
  guint32        canonical;  /* index of the mention whose text names it */
  gboolean       media;
  float          salience;   /* lede-coref.c: 0..1, 1 for the article's most salient entity */
} LedeEntity;

/* A title or role ("former Russian President"), linked to the person it describes. */
typedef struct {
  guint32  start;
  guint32  end;
  gboolean former;
  gboolean acting;
  LedeSpan org;       /* an organization named in the role, if any */
  LedeSpan country;   /* a country or nationality named in the role, if any */
  gint32   mention;   /* the PERSON mention it describes, or -1 */
  gint32   entity;    /* lede-coref.c: the entity it describes (through its mention, or as
                       * a title used as a name: "the former Russian president"), or -1 */
  gint32   org_entity;      /* lede-coref.c: the entity of org, or -1 */
  gint32   country_entity;  /* lede-coref.c: the entity of country, or -1 */
} LedeTitle;

/* Coreference (lede-coref.c): a mention of an entity that is not a name. */
typedef enum {
  LEDE_REFERENCE_PRONOUN,   /* "he", "its", "they" */
  LEDE_REFERENCE_TITLE,     /* a role used as a name: "the former Russian president" */
  LEDE_REFERENCE_NOMINAL,   /* a class noun standing for a named entity: "the company" */
} LedeReferenceKind;

typedef struct {
  guint32           start;
  guint32           end;
  LedeReferenceKind kind;
  guint32           entity;  /* index into LedeDoc.entities */
  gint32            title;   /* a TITLE reference's entry in LedeDoc.titles, else -1 */
} LedeReference;

/* A link between two entities (lede-coref.c). */
typedef struct {
  guint32     entity;
  guint32     related;
  const char *relation;  /* static: "country", "nationality", "organization" */
} LedeRelation;

/* Attribution (lede-quotes.c). */
typedef enum {
  LEDE_QUOTE_DIRECT,
  LEDE_QUOTE_INDIRECT,
  LEDE_QUOTE_MIXED,
  LEDE_QUOTE_REPORT,    /* reporting by a news outlet ("Reuters reported", "the report said") */
} LedeQuoteKind;

/* One attribution: who (source), how (cue), what (content). The content may
 * be in pieces (a quote broken by its attribution, or running over several
 * paragraphs): LedeDoc.quote_parts[first_part .. first_part + n_parts). */
typedef struct {
  LedeQuoteKind kind;
  LedeSpan      source;       /* unset when there is none */
  LedeSpan      cue;
  LedeSpan      content;      /* from the first piece's start to the last piece's end */
  guint32       first_part;
  guint32       n_parts;
  gint32        entity;       /* the source's entity (index into LedeDoc.entities), or -1 */
  gint32        reported_by;  /* the LEDE_QUOTE_REPORT attribution that carries it, or -1 */
} LedeQuote;

/* Quotation marks around something nobody says. */
typedef enum {
  LEDE_QUOTED_SCARE,
  LEDE_QUOTED_TITLE,
  LEDE_QUOTED_NAME,
} LedeQuotedPhraseKind;

typedef struct {
  LedeSpan             span;  /* with its quotation marks */
  LedeQuotedPhraseKind kind;
} LedeQuotedPhrase;

/* Events (lede-events.c): what happened, to whom, where and when. */
typedef enum {
  LEDE_EVENT_MEET,         /* meetings and talks */
  LEDE_EVENT_VISIT,        /* visits and travel */
  LEDE_EVENT_COMMUNICATE,  /* letters, calls, congratulations, greetings */
  LEDE_EVENT_STATEMENT,    /* an attribution of the quotes layer */
  LEDE_EVENT_AGREEMENT,    /* agreements, deals, signings */
  LEDE_EVENT_ELECTION,     /* elections and re-elections */
  LEDE_EVENT_APPOINTMENT,  /* appointments, nominations, resignations */
  LEDE_EVENT_CONFLICT,     /* attacks, sanctions, lawsuits, threats, protests */
} LedeEventType;

typedef enum {
  LEDE_EVENT_ROLE_AGENT,        /* who does it (PropBank Arg0) */
  LEDE_EVENT_ROLE_OTHER,        /* the other party: met with, congratulated, attacked (Arg1) */
  LEDE_EVENT_ROLE_THEME,        /* what is handed over, signed, announced (Arg1) */
  LEDE_EVENT_ROLE_RECIPIENT,    /* to whom something goes (Arg2) */
  LEDE_EVENT_ROLE_DESTINATION,  /* the place visited or travelled to */
  LEDE_EVENT_ROLE_POSITION,     /* the office someone is elected or appointed to */
  LEDE_EVENT_ROLE_PLACE,        /* where it happens ("in Beijing", "at the guesthouse") */
} LedeEventRole;

typedef struct {
  LedeEventRole role;
  LedeSpan      span;
  gint32        mention;  /* the entity mention it is, or -1 (a pronoun or a common noun phrase) */
} LedeEventArg;

/* One place in the text that tells of an event. */
typedef struct {
  LedeSpan trigger;
  guint32  event;        /* index into LedeDoc.events */
  guint32  first_arg;    /* LedeDoc.event_args[first_arg .. first_arg + n_args) */
  guint32  n_args;
  gint32   timex;        /* its time (index into LedeDoc.timexes), or -1 */
  gint32   quote;        /* a statement's own attribution (index into LedeDoc.quotes), or -1 */
  gint32   reported_in;  /* the attribution whose content tells of it, or -1 */
} LedeEventMention;

/* Mentions merge into (and communications join) one of the last this many events. */
#define LEDE_EVENT_LOOKBACK 8

/* An event: its mentions are LedeDoc.event_mentions[first_mention .. + n_mentions). */
typedef struct {
  LedeEventType type;
  const char   *cameo;   /* static CAMEO root code ("04") or NULL where none fits */
  guint32       first_mention;
  guint32       n_mentions;
  gint32        part_of;  /* the meeting or visit a communication took place in, or -1 */
} LedeEvent;

/* Per-64-byte checkpoints so byte offsets convert to code points or UTF-16
 * units in O(64) without a per-byte map (memory stays a fraction of the text). */
typedef struct {
  guint32 *codepoints;  /* code points starting before block k * 64 */
  guint32 *utf16;       /* UTF-16 units of those code points */
  gsize    n_blocks;
} LedeOffsetIndex;

typedef struct {
  LedeOffsetUnit offsets;
  gboolean       tokens;
  gboolean       repair;
  gboolean       pretty;     /* indent the JSON of the flat ABI */
  guint64        layers;     /* LEDE_CAP_* bits of the layers to run, with what they need */
} LedeOptions;

/* Every layer this build has: the default of "layers" and the plugin's capabilities. */
#define LEDE_ALL_LAYERS (LEDE_CAP_STRUCTURE | LEDE_CAP_TOKENS | LEDE_CAP_SENTENCES \
                         | LEDE_CAP_ENTITIES | LEDE_CAP_TIME | LEDE_CAP_QUOTES \
                         | LEDE_CAP_COREF | LEDE_CAP_EVENTS)

typedef struct {
  LedeOptions defaults;
  GHashTable *abbreviations;         /* lower-case, without the final '.' → GINT_TO_POINTER(flags) */
  struct _LedeNerModel *ner;         /* the entity tagger (lede-entity-features.h) */
  struct _LedeTitleLexicon *titles;  /* role words of lede-titles.c, split once */
  struct _LedeFirstNames *first_names; /* first names' genders (lede-coref.c) */
} LedeModel;

enum { LEDE_GENDER_UNKNOWN, LEDE_GENDER_MALE, LEDE_GENDER_FEMALE };

/* Flags of an abbreviation in LedeModel.abbreviations. */
enum {
  LEDE_ABBREV_TITLE     = 1 << 0,  /* "Mr", "Dr", "Gen": never ends a sentence */
  LEDE_ABBREV_ANY       = 1 << 1,  /* "etc", "Inc", "Jr": may end one */
  LEDE_ABBREV_NUMERIC   = 1 << 2,  /* "p", "No", "Fig": before a number, never ends one */
};

typedef struct {
  const char     *text;       /* validated UTF-8 (the caller's, or repaired) */
  gsize           len;
  char           *owned;      /* the doc's own copy (repaired, or kept beyond the call) */
  gboolean        repaired;
  guint32         n_repairs;
  LedeOptions     options;
  GDate           date;       /* publication date; g_date_valid() says if known */
  char           *id;         /* the caller's article id, echoed back */
  LedeOffsetIndex index;
  GArray         *blocks;     /* LedeBlock */
  GArray         *tokens;     /* LedeToken */
  GArray         *sentences;  /* LedeSentence */
  GArray         *timexes;    /* LedeTimex (value owned) */
  GArray         *mentions;   /* LedeMention, in text order (NULL until the entities layer runs) */
  GArray         *entities;   /* LedeEntity */
  GArray         *titles;     /* LedeTitle */
  GArray         *references; /* LedeReference, in text order (NULL until the coref layer runs) */
  GArray         *relations;  /* LedeRelation, by entity */
  GArray         *quotes;     /* LedeQuote (NULL until the quotes layer runs) */
  GArray         *quote_parts;    /* LedeSpan: content pieces of the quotes */
  GArray         *quoted_phrases; /* LedeQuotedPhrase */
  GArray         *events;         /* LedeEvent (NULL until the events layer runs) */
  GArray         *event_mentions; /* LedeEventMention, grouped by event */
  GArray         *event_args;     /* LedeEventArg */
  GPtrArray      *warnings;   /* char*, messages meant for the caller */
} LedeDoc;

/* model */
LedeModel *lede_model_new                  (GError **error);
GBytes    *lede_model_resource             (const char *name, GError **error);
void       lede_model_free                 (LedeModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LedeModel, lede_model_free)

/* options and metadata (lede-options.c) */
gboolean   lede_options_parse              (LedeOptions *options, const char *json,
                                            gboolean is_metadata, GDate *date, char **id,
                                            GError **error);
const char *lede_offset_unit_to_string     (LedeOffsetUnit unit);

/* text (lede-text.c) */
LedeDoc   *lede_doc_new                    (const LedeOptions *options, const char *text,
                                            gsize len, gboolean copy_text, GError **error);
void       lede_doc_free                   (LedeDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LedeDoc, lede_doc_free)
void       lede_doc_warn                   (LedeDoc *doc, const char *format, ...) G_GNUC_PRINTF (2, 3);
guint32    lede_doc_convert_offset         (const LedeDoc *doc, guint32 byte_offset,
                                            LedeOffsetUnit unit);
gboolean   lede_doc_byte_offset            (const LedeDoc *doc, guint32 offset,
                                            LedeOffsetUnit unit, guint32 *byte);

/* layers, in pipeline order */
void       lede_structure_annotate         (const LedeModel *model, LedeDoc *doc);
void       lede_tokens_annotate            (const LedeModel *model, LedeDoc *doc);
void       lede_sentences_annotate         (const LedeModel *model, LedeDoc *doc);
void       lede_entities_annotate          (const LedeModel *model, LedeDoc *doc);
void       lede_titles_annotate            (const LedeModel *model, LedeDoc *doc);

typedef struct _LedeTitleLexicon LedeTitleLexicon;
LedeTitleLexicon *lede_title_lexicon_new   (void);
void       lede_title_lexicon_free         (LedeTitleLexicon *lex);
/* whether tokens [first, first + n) are exactly a role head ("Vice Chairman") */
gboolean   lede_title_lexicon_is_role      (const LedeTitleLexicon *lex, const LedeDoc *doc,
                                            guint first, guint n);
void       lede_time_annotate              (const LedeModel *model, LedeDoc *doc);
void       lede_coref_annotate             (const LedeModel *model, LedeDoc *doc);
typedef struct _LedeFirstNames LedeFirstNames;
LedeFirstNames *lede_first_names_new       (GError **error);
void       lede_first_names_free           (LedeFirstNames *names);
void       lede_quotes_annotate            (const LedeModel *model, LedeDoc *doc);
void       lede_events_annotate            (const LedeModel *model, LedeDoc *doc);

/* writers */
char      *lede_json_write                 (const LedeDoc *doc, gboolean pretty);

/* the whole pipeline (lede-annotator.c) */
LedeDoc   *lede_pipeline_run               (const LedeModel *model, const LedeOptions *defaults,
                                            const char *text, gsize len, const char *meta_json,
                                            gboolean copy_text, GError **error);
/* the flat ABI's path: a doc that borrows the caller's text for the call */
LedeDoc   *lede_annotator_run              (LedeAnnotator *self, const char *text, gsize len,
                                            const char *meta_json, GError **error);

/* words of tokens, as the rule layers read them (lede-tokens.c) */
gboolean   lede_token_lower                (const LedeDoc *doc, guint i, char *buf, gsize size);
gboolean   lede_token_word_is              (const LedeDoc *doc, guint i, const char *word);
gboolean   lede_token_is_capitalized       (const LedeDoc *doc, guint i);
gboolean   lede_token_is_ly_adverb         (const LedeDoc *doc, guint i);

/* string helpers shared by layers (lede-text.c) */
const char *lede_structure_kind_to_string  (LedeStructureKind kind);
const char *lede_token_kind_to_string      (LedeTokenKind kind);
const char *lede_timex_type_to_string      (LedeTimexType type);
const char *lede_entity_type_to_string     (LedeEntityType type);
const char *lede_quote_kind_to_string      (LedeQuoteKind kind);
const char *lede_reference_kind_to_string  (LedeReferenceKind kind);
const char *lede_quoted_phrase_kind_to_string (LedeQuotedPhraseKind kind);
const char *lede_event_type_to_string      (LedeEventType type);
const char *lede_event_role_to_string      (LedeEventRole role);

/* whether a place's name is a country's: in the country gazetteer, or in
 * neither the city nor the state one (lede-entities.c) */
gboolean   lede_entity_is_country          (const LedeModel *model, const LedeDoc *doc,
                                            const LedeMention *m);

/* the entity model (lede-entities.c), loaded by lede_model_new */
struct _LedeNerModel *lede_ner_model_new_from_resource (GError **error);
void       lede_ner_model_free             (struct _LedeNerModel *ner);

G_END_DECLS

G_BEGIN_DECLS
/* lede-document.c: a LedeDocument takes ownership of a finished LedeDoc */
LedeDocument *lede_document_new_take       (LedeDoc *doc);
G_END_DECLS
