/* lede-time-lexicon.c — the time layer's word list. Keys are lower case with
 * periods and apostrophes removed ("p.m." → "pm", "o'clock" → "oclock").
 * Plain WORD entries only ever continue an expression ("of", "ago", "p.m."). */
#include "lede-time-lexicon.h"

#include <string.h>

#define MONTH(w, v, f)   { w, LX_MONTH, f, v }
#define WEEKDAY(w, v, f) { w, LX_WEEKDAY, f, v }
#define NUMBER(w, v)     { w, LX_NUMBER, 0, v }
#define ORDINAL(w, v)    { w, LX_ORDINAL, 0, v }
#define UNIT(w, v, f)    { w, LX_UNIT, f, v }
#define WORD(w, v)       { w, LX_WORD, 0, v }
#define TENSE(w, v)      { w, LX_TENSE, 0, v }
/* a word that starts an expression only with a time word or number after it */
#define LEAD(w, v)       { w, LX_WORD, LXF_LEAD, v }
/* a word that is an expression by itself ("now", "today") */
#define SOLO(w, v)       { w, LX_WORD, LXF_SOLO, v }

static const LedeTimeLex lexicon[] = {
  MONTH ("january", 1, 0), MONTH ("jan", 1, LXF_ABBREV),
  MONTH ("february", 2, 0), MONTH ("feb", 2, LXF_ABBREV),
  MONTH ("march", 3, LXF_CUE), MONTH ("mar", 3, LXF_ABBREV),
  MONTH ("april", 4, 0), MONTH ("apr", 4, LXF_ABBREV),
  MONTH ("may", 5, LXF_CUE),
  MONTH ("june", 6, 0), MONTH ("jun", 6, LXF_ABBREV),
  MONTH ("july", 7, 0), MONTH ("jul", 7, LXF_ABBREV),
  MONTH ("august", 8, 0), MONTH ("aug", 8, LXF_ABBREV),
  MONTH ("september", 9, 0), MONTH ("sept", 9, LXF_ABBREV), MONTH ("sep", 9, LXF_ABBREV),
  MONTH ("october", 10, 0), MONTH ("oct", 10, LXF_ABBREV),
  MONTH ("november", 11, 0), MONTH ("nov", 11, LXF_ABBREV),
  MONTH ("december", 12, 0), MONTH ("dec", 12, LXF_ABBREV),

  WEEKDAY ("monday", 1, 0), WEEKDAY ("mondays", 1, LXF_PLURAL), WEEKDAY ("mon", 1, LXF_ABBREV),
  WEEKDAY ("tuesday", 2, 0), WEEKDAY ("tuesdays", 2, LXF_PLURAL),
  WEEKDAY ("tue", 2, LXF_ABBREV), WEEKDAY ("tues", 2, LXF_ABBREV),
  WEEKDAY ("wednesday", 3, 0), WEEKDAY ("wednesdays", 3, LXF_PLURAL),
  WEEKDAY ("wed", 3, LXF_ABBREV),
  WEEKDAY ("thursday", 4, 0), WEEKDAY ("thursdays", 4, LXF_PLURAL),
  WEEKDAY ("thu", 4, LXF_ABBREV), WEEKDAY ("thur", 4, LXF_ABBREV),
  WEEKDAY ("thurs", 4, LXF_ABBREV),
  WEEKDAY ("friday", 5, 0), WEEKDAY ("fridays", 5, LXF_PLURAL), WEEKDAY ("fri", 5, LXF_ABBREV),
  WEEKDAY ("saturday", 6, 0), WEEKDAY ("saturdays", 6, LXF_PLURAL),
  WEEKDAY ("sat", 6, LXF_ABBREV),
  WEEKDAY ("sunday", 7, 0), WEEKDAY ("sundays", 7, LXF_PLURAL), WEEKDAY ("sun", 7, LXF_ABBREV),

  NUMBER ("zero", 0), NUMBER ("one", 1), NUMBER ("two", 2), NUMBER ("three", 3),
  NUMBER ("four", 4), NUMBER ("five", 5), NUMBER ("six", 6), NUMBER ("seven", 7),
  NUMBER ("eight", 8), NUMBER ("nine", 9), NUMBER ("ten", 10), NUMBER ("eleven", 11),
  NUMBER ("twelve", 12), NUMBER ("thirteen", 13), NUMBER ("fourteen", 14),
  NUMBER ("fifteen", 15), NUMBER ("sixteen", 16), NUMBER ("seventeen", 17),
  NUMBER ("eighteen", 18), NUMBER ("nineteen", 19), NUMBER ("twenty", 20),
  NUMBER ("thirty", 30), NUMBER ("forty", 40), NUMBER ("fifty", 50), NUMBER ("sixty", 60),
  NUMBER ("seventy", 70), NUMBER ("eighty", 80), NUMBER ("ninety", 90),
  NUMBER ("hundred", 100),

  ORDINAL ("first", 1), ORDINAL ("second", 2), ORDINAL ("third", 3), ORDINAL ("fourth", 4),
  ORDINAL ("fifth", 5), ORDINAL ("sixth", 6), ORDINAL ("seventh", 7), ORDINAL ("eighth", 8),
  ORDINAL ("ninth", 9), ORDINAL ("tenth", 10), ORDINAL ("eleventh", 11),
  ORDINAL ("twelfth", 12), ORDINAL ("thirteenth", 13), ORDINAL ("fourteenth", 14),
  ORDINAL ("fifteenth", 15), ORDINAL ("sixteenth", 16), ORDINAL ("seventeenth", 17),
  ORDINAL ("eighteenth", 18), ORDINAL ("nineteenth", 19), ORDINAL ("twentieth", 20),
  ORDINAL ("thirtieth", 30),

  UNIT ("seconds", UNIT_SECOND, LXF_PLURAL), UNIT ("secs", UNIT_SECOND, LXF_PLURAL),
  UNIT ("minute", UNIT_MINUTE, 0), UNIT ("minutes", UNIT_MINUTE, LXF_PLURAL),
  UNIT ("mins", UNIT_MINUTE, LXF_PLURAL),
  UNIT ("hour", UNIT_HOUR, 0), UNIT ("hours", UNIT_HOUR, LXF_PLURAL),
  UNIT ("hrs", UNIT_HOUR, LXF_PLURAL),
  UNIT ("day", UNIT_DAY, 0), UNIT ("days", UNIT_DAY, LXF_PLURAL),
  UNIT ("night", UNIT_NIGHT, 0), UNIT ("nights", UNIT_NIGHT, LXF_PLURAL),
  UNIT ("week", UNIT_WEEK, 0), UNIT ("weeks", UNIT_WEEK, LXF_PLURAL),
  UNIT ("weekend", UNIT_WEEKEND, 0), UNIT ("weekends", UNIT_WEEKEND, LXF_PLURAL),
  UNIT ("fortnight", UNIT_FORTNIGHT, 0), UNIT ("fortnights", UNIT_FORTNIGHT, LXF_PLURAL),
  UNIT ("month", UNIT_MONTH, 0), UNIT ("months", UNIT_MONTH, LXF_PLURAL),
  UNIT ("quarter", UNIT_QUARTER, 0), UNIT ("quarters", UNIT_QUARTER, LXF_PLURAL),
  UNIT ("year", UNIT_YEAR, 0), UNIT ("years", UNIT_YEAR, LXF_PLURAL),
  UNIT ("yr", UNIT_YEAR, 0), UNIT ("yrs", UNIT_YEAR, LXF_PLURAL),
  UNIT ("decade", UNIT_DECADE, 0), UNIT ("decades", UNIT_DECADE, LXF_PLURAL),
  UNIT ("century", UNIT_CENTURY, 0), UNIT ("centuries", UNIT_CENTURY, LXF_PLURAL),
  UNIT ("millennium", UNIT_MILLENNIUM, 0), UNIT ("millennia", UNIT_MILLENNIUM, LXF_PLURAL),

  { "spring", LX_SEASON, LXF_CUE, SEASON_SPRING },
  { "summer", LX_SEASON, 0, SEASON_SUMMER },
  { "fall", LX_SEASON, LXF_CUE, SEASON_FALL },
  { "autumn", LX_SEASON, 0, SEASON_FALL },
  { "winter", LX_SEASON, 0, SEASON_WINTER },

  { "morning", LX_PART_OF_DAY, 0, POD_MORNING },
  { "mornings", LX_PART_OF_DAY, LXF_PLURAL, POD_MORNING },
  { "afternoon", LX_PART_OF_DAY, 0, POD_AFTERNOON },
  { "afternoons", LX_PART_OF_DAY, LXF_PLURAL, POD_AFTERNOON },
  { "evening", LX_PART_OF_DAY, 0, POD_EVENING },
  { "evenings", LX_PART_OF_DAY, LXF_PLURAL, POD_EVENING },

  { "est", LX_ZONE, 0, 0 }, { "edt", LX_ZONE, 0, 0 }, { "cst", LX_ZONE, 0, 0 },
  { "cdt", LX_ZONE, 0, 0 }, { "mst", LX_ZONE, 0, 0 }, { "mdt", LX_ZONE, 0, 0 },
  { "pst", LX_ZONE, 0, 0 }, { "pdt", LX_ZONE, 0, 0 }, { "gmt", LX_ZONE, 0, 0 },
  { "utc", LX_ZONE, 0, 0 }, { "bst", LX_ZONE, 0, 0 }, { "cet", LX_ZONE, 0, 0 },
  { "cest", LX_ZONE, 0, 0 }, { "jst", LX_ZONE, 0, 0 }, { "ist", LX_ZONE, 0, 0 },
  { "et", LX_ZONE, 0, 0 }, { "pt", LX_ZONE, 0, 0 },

  { "twenties", LX_DECADE, 0, 2 }, { "thirties", LX_DECADE, 0, 3 },
  { "forties", LX_DECADE, 0, 4 }, { "fifties", LX_DECADE, 0, 5 },
  { "sixties", LX_DECADE, 0, 6 }, { "seventies", LX_DECADE, 0, 7 },
  { "eighties", LX_DECADE, 0, 8 }, { "nineties", LX_DECADE, 0, 9 },

  { "hourly", LX_SET_ADVERB, 0, UNIT_HOUR }, { "daily", LX_SET_ADVERB, 0, UNIT_DAY },
  { "nightly", LX_SET_ADVERB, 0, UNIT_NIGHT }, { "weekly", LX_SET_ADVERB, 0, UNIT_WEEK },
  { "monthly", LX_SET_ADVERB, 0, UNIT_MONTH },
  { "annually", LX_SET_ADVERB, 0, UNIT_YEAR }, { "yearly", LX_SET_ADVERB, 0, UNIT_YEAR },

  { "christmas", LX_HOLIDAY, 0, HOLIDAY_CHRISTMAS },
  { "xmas", LX_HOLIDAY, 0, HOLIDAY_CHRISTMAS },
  { "thanksgiving", LX_HOLIDAY, 0, HOLIDAY_THANKSGIVING },
  { "halloween", LX_HOLIDAY, 0, HOLIDAY_HALLOWEEN },

  /* Verbs near a date say which way it points; "-ed" words count as past too. */
  TENSE ("will", 1), TENSE ("ll", 1), TENSE ("shall", 1), TENSE ("wo", 1),
  TENSE ("expected", 1), TENSE ("expects", 1), TENSE ("expect", 1), TENSE ("scheduled", 1),
  TENSE ("due", 1), TENSE ("upcoming", 1), TENSE ("forthcoming", 1),
  TENSE ("effective", 1), TENSE ("soon", 1), TENSE ("planning", 1), TENSE ("planned", 1),
  TENSE ("plans", 1), TENSE ("payable", 1), TENSE ("ahead", 1),
  /* the present of a timetable: "meets separately Monday", "opens Saturday" */
  TENSE ("meets", 1), TENSE ("opens", 1), TENSE ("reopens", 1), TENSE ("arrives", 1),
  TENSE ("begins", 1), TENSE ("starts", 1), TENSE ("resumes", 1), TENSE ("convenes", 1),
  TENSE ("departs", 1), TENSE ("expires", 1), TENSE ("travels", 1),
  /* forward only before "to": "plans to", "set to", "going to" */
  { "going", LX_TENSE, LXF_CUE, 1 }, { "plan", LX_TENSE, LXF_CUE, 1 },
  { "set", LX_TENSE, LXF_CUE, 1 },
  TENSE ("said", -1), TENSE ("was", -1), TENSE ("were", -1), TENSE ("had", -1),
  TENSE ("did", -1), TENSE ("met", -1), TENSE ("told", -1), TENSE ("took", -1),
  TENSE ("came", -1), TENSE ("went", -1), TENSE ("made", -1), TENSE ("gave", -1),
  TENSE ("held", -1), TENSE ("began", -1), TENSE ("saw", -1), TENSE ("won", -1),
  TENSE ("fell", -1), TENSE ("rose", -1), TENSE ("sold", -1), TENSE ("bought", -1),
  TENSE ("found", -1), TENSE ("got", -1), TENSE ("paid", -1),
  TENSE ("spent", -1), TENSE ("lost", -1), TENSE ("wrote", -1), TENSE ("spoke", -1),
  TENSE ("ran", -1), TENSE ("led", -1), TENSE ("shot", -1), TENSE ("struck", -1), TENSE ("fled", -1),
  TENSE ("knew", -1), TENSE ("thought", -1), TENSE ("brought", -1), TENSE ("sent", -1),
  TENSE ("became", -1), TENSE ("broke", -1), TENSE ("chose", -1), TENSE ("drew", -1),
  TENSE ("flew", -1), TENSE ("grew", -1), TENSE ("heard", -1), TENSE ("kept", -1),
  TENSE ("meant", -1), TENSE ("overtook", -1), TENSE ("stood", -1), TENSE ("swore", -1), TENSE ("threw", -1),
  TENSE ("upheld", -1), TENSE ("withdrew", -1),

  LEAD ("a", W_A), LEAD ("an", W_AN), LEAD ("about", W_ABOUT), WORD ("after", W_AFTER), WORD ("ago", W_AGO),
  LEAD ("almost", W_ALMOST), WORD ("am", W_AM), WORD ("and", W_AND),
  LEAD ("approximately", W_APPROXIMATELY), LEAD ("around", W_AROUND), LEAD ("at", W_AT),
  LEAD ("beginning", W_BEGINNING), WORD ("before", W_BEFORE), WORD ("by", W_BY),
  WORD ("oclock", W_CLOCK), LEAD ("coming", W_COMING), LEAD ("couple", W_COUPLE),
  SOLO ("current", W_CURRENT), SOLO ("currently", W_CURRENTLY), LEAD ("dozen", W_DOZEN),
  WORD ("during", W_DURING), LEAD ("each", W_EACH), LEAD ("earlier", W_EARLIER),
  LEAD ("early", W_EARLY), LEAD ("end", W_END), WORD ("eve", W_EVE), LEAD ("every", W_EVERY),
  LEAD ("few", W_FEW), LEAD ("fewer", W_FEWER), LEAD ("final", W_FINAL),
  LEAD ("fiscal", W_FISCAL), WORD ("for", W_FOR), WORD ("from", W_FROM),
  LEAD ("future", W_FUTURE), LEAD ("half", W_HALF), WORD ("hence", W_HENCE),
  WORD ("in", W_IN), LEAD ("last", W_LAST), LEAD ("late", W_LATE), SOLO ("lately", W_LATELY),
  LEAD ("later", W_LATER), LEAD ("latest", W_LATEST), WORD ("least", W_LEAST),
  LEAD ("less", W_LESS), WORD ("long", W_LONG), LEAD ("many", W_MANY), LEAD ("mid", W_MID),
  SOLO ("midday", W_MIDDAY), LEAD ("middle", W_MIDDLE), SOLO ("midnight", W_MIDNIGHT),
  LEAD ("more", W_MORE), WORD ("most", W_MOST),
  WORD ("near", W_NEAR), LEAD ("nearly", W_NEARLY), LEAD ("next", W_NEXT), LEAD ("no", W_NO),
  SOLO ("noon", W_NOON), SOLO ("now", W_NOW), SOLO ("nowadays", W_NOWADAYS),
  WORD ("of", W_OF), WORD ("old", W_OLD), WORD ("on", W_ON), LEAD ("once", W_ONCE),
  WORD ("or", W_OR), WORD ("other", W_OTHER), LEAD ("over", W_OVER),
  LEAD ("past", W_PAST), LEAD ("per", W_PER),
  WORD ("period", W_PERIOD), WORD ("pm", W_PM), WORD ("present", W_PRESENT),
  LEAD ("previous", W_PREVIOUS), LEAD ("prior", W_PREVIOUS),
  LEAD ("q", W_Q),
  SOLO ("recent", W_RECENT), SOLO ("recently", W_RECENTLY), LEAD ("right", W_RIGHT),
  LEAD ("roughly", W_ROUGHLY), WORD ("same", W_SAME), WORD ("short", W_SHORT),
  WORD ("since", W_SINCE), WORD ("so", W_SO), LEAD ("some", W_SOME),
  LEAD ("start", W_START), WORD ("straight", W_STRAIGHT), WORD ("term", W_TERM),
  WORD ("than", W_THAN), LEAD ("that", W_THAT), LEAD ("the", W_THE), LEAD ("these", W_THESE),
  LEAD ("this", W_THIS), WORD ("thousand", W_THOUSAND),
  WORD ("through", W_THROUGH), WORD ("till", W_TILL), WORD ("times", W_TIMES),
  WORD ("to", W_TO), SOLO ("today", W_TODAY), SOLO ("tomorrow", W_TOMORROW),
  SOLO ("tonight", W_TONIGHT), LEAD ("twice", W_TWICE), LEAD ("under", W_UNDER),
  WORD ("until", W_UNTIL), LEAD ("up", W_UP), LEAD ("within", W_WITHIN), SOLO ("yesterday", W_YESTERDAY),
  WORD ("consecutive", W_CONSECUTIVE), LEAD ("following", W_FOLLOWING),
  LEAD ("additional", W_ADDITIONAL), WORD ("full", W_FULL), WORD ("whole", W_WHOLE),
  WORD ("trading", W_TRADING), WORD ("business", W_BUSINESS), WORD ("entire", W_ENTIRE),
  LEAD ("several", W_SEVERAL),
  LEAD ("election", W_ELECTION), LEAD ("memorial", W_MEMORIAL), LEAD ("labor", W_LABOR),
  LEAD ("labour", W_LABOR), LEAD ("independence", W_INDEPENDENCE), LEAD ("new", W_NEW),
  LEAD ("fy", W_FY),
};

/* An open-addressing table of pointers into lexicon[], a power of two at
 * least four times its size so probes stay short. */
#define TABLE_SIZE 2048

static guint32
hash_key (const char *key, gsize len)
{
  guint32 hash = LEDE_TIME_HASH_SEED;

  for (gsize i = 0; i < len; i++)
    hash = (hash ^ (guchar) key[i]) * 16777619u;
  return hash;
}

static const LedeTimeLex **
build_table (void)
{
  const LedeTimeLex **table = g_new0 (const LedeTimeLex *, TABLE_SIZE);

  G_STATIC_ASSERT (G_N_ELEMENTS (lexicon) * 4 <= TABLE_SIZE);
  for (gsize i = 0; i < G_N_ELEMENTS (lexicon); i++)
    {
      gsize len = strlen (lexicon[i].word);
      guint32 slot = hash_key (lexicon[i].word, len) & (TABLE_SIZE - 1);

      g_assert (len < LEDE_TIME_KEY_MAX);
      while (table[slot] != NULL)
        {
          g_assert (strcmp (table[slot]->word, lexicon[i].word) != 0);
          slot = (slot + 1) & (TABLE_SIZE - 1);
        }
      table[slot] = &lexicon[i];
    }
  return table;
}

const LedeTimeLex *
lede_time_lex_lookup (const char *key, gsize len, guint32 hash)
{
  static const LedeTimeLex **table;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, build_table ());
  for (guint32 slot = hash & (TABLE_SIZE - 1); table[slot] != NULL; slot = (slot + 1) & (TABLE_SIZE - 1))
    if (table[slot]->word[0] == key[0] && strncmp (table[slot]->word, key, len) == 0
        && table[slot]->word[len] == '\0')
      return table[slot];
  return NULL;
}
