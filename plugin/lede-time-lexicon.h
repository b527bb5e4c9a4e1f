/* lede-time-lexicon.h — the words the time layer knows: month and weekday
 * names, numbers, units, and the small words its rules are made of. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  LX_MONTH = 1,     /* val: 1..12 */
  LX_WEEKDAY,       /* val: 1..7, Monday first (ISO 8601, as GDateWeekday) */
  LX_NUMBER,        /* val: "two" = 2, "twenty" = 20, "hundred" = 100 */
  LX_ORDINAL,       /* val: "third" = 3; "second" is also the unit */
  LX_UNIT,          /* val: a LedeTimeUnit */
  LX_SEASON,        /* val: a LedeTimeSeason */
  LX_PART_OF_DAY,   /* val: a LedeTimePartOfDay */
  LX_ZONE,          /* a time zone ("EST", "GMT") */
  LX_DECADE,        /* val: "nineties" = 9 */
  LX_SET_ADVERB,    /* val: a LedeTimeUnit: "daily" = day */
  LX_HOLIDAY,       /* val: a LedeTimeHoliday */
  LX_TENSE,         /* val: -1 past ("said", "was"), +1 future ("will", "expected") */
  LX_WORD,          /* val: a LedeTimeWord */
} LedeTimeLexClass;

enum {
  LXF_ABBREV = 1 << 0,  /* "Dec", "Sept": needs a period or a number after it */
  LXF_PLURAL = 1 << 1,  /* "years", "Mondays" */
  LXF_CUE    = 1 << 2,  /* "May", "March", "fall", "spring": also common words;
                           a tense word: counts only before "to" ("plans to") */
  LXF_LEAD   = 1 << 3,  /* "the", "last", "about": starts an expression only when a
                           time word, a number or a hyphen follows */
  LXF_SOLO   = 1 << 4,  /* "now", "today": an expression by itself */
};

typedef enum {
  UNIT_SECOND = 1, UNIT_MINUTE, UNIT_HOUR, UNIT_DAY, UNIT_NIGHT, UNIT_WEEK, UNIT_WEEKEND,
  UNIT_FORTNIGHT, UNIT_MONTH, UNIT_QUARTER, UNIT_YEAR, UNIT_DECADE, UNIT_CENTURY,
  UNIT_MILLENNIUM,
} LedeTimeUnit;

typedef enum { SEASON_SPRING, SEASON_SUMMER, SEASON_FALL, SEASON_WINTER } LedeTimeSeason;

typedef enum { POD_MORNING, POD_AFTERNOON, POD_EVENING, POD_NIGHT } LedeTimePartOfDay;

typedef enum {
  HOLIDAY_CHRISTMAS, HOLIDAY_NEW_YEAR, HOLIDAY_THANKSGIVING, HOLIDAY_HALLOWEEN,
  HOLIDAY_INDEPENDENCE, HOLIDAY_VALENTINE, HOLIDAY_LABOR, HOLIDAY_MEMORIAL, HOLIDAY_ELECTION,
} LedeTimeHoliday;

typedef enum {
  W_A = 1, W_ABOUT, W_AFTER, W_AGO, W_ALMOST, W_AM, W_AND, W_APPROXIMATELY, W_AROUND, W_AT,
  W_BEGINNING, W_BEFORE, W_BY, W_CLOCK, W_COMING, W_COUPLE, W_CURRENT, W_CURRENTLY, W_DOZEN,
  W_DURING, W_EACH, W_EARLIER, W_EARLY, W_END, W_EVE, W_EVERY, W_FEW, W_FEWER, W_FINAL,
  W_FISCAL, W_FOR, W_FROM, W_FUTURE, W_FY, W_HALF, W_HENCE, W_IN, W_LAST, W_LATE, W_LATELY,
  W_LATER, W_LATEST, W_LEAST, W_LESS, W_LONG, W_MANY, W_MID, W_MIDDAY, W_MIDDLE, W_MIDNIGHT,
  W_MORE, W_MOST, W_NEAR, W_NEARLY, W_NEXT, W_NO, W_NOON, W_NOW, W_NOWADAYS, W_OF, W_OLD,
  W_ON, W_ONCE, W_OR, W_OTHER, W_OVER, W_PAST, W_PER, W_PERIOD, W_PM, W_PRESENT, W_PREVIOUS,
  W_RECENT, W_RECENTLY, W_RIGHT, W_ROUGHLY, W_SAME, W_SHORT, W_SINCE, W_SO,
  W_SOME, W_START, W_STRAIGHT, W_TERM, W_THAN, W_THAT, W_THE, W_THESE, W_THIS,
  W_THOUSAND, W_THROUGH, W_TILL, W_TIMES, W_TO, W_TODAY, W_TOMORROW, W_TONIGHT, W_TWICE,
  W_UNDER, W_UNTIL, W_UP, W_WITHIN, W_YESTERDAY, W_CONSECUTIVE, W_FOLLOWING, W_ADDITIONAL,
  W_FULL, W_WHOLE, W_TRADING, W_BUSINESS, W_ENTIRE, W_SEVERAL, W_AN, W_ELECTION, W_MEMORIAL,
  W_LABOR, W_INDEPENDENCE, W_NEW, W_Q,
} LedeTimeWord;

typedef struct {
  const char *word;  /* lower case, without periods or apostrophes */
  guint8      cls;   /* LedeTimeLexClass */
  guint8      flags;
  gint16      val;
} LedeTimeLex;

/* Looks up a lower-case key of len bytes (less than LEDE_TIME_KEY_MAX) whose
 * FNV-1a hash the caller has computed while lower-casing it: each byte b
 * folds in as hash = (hash ^ b) * 16777619, from LEDE_TIME_HASH_SEED. The
 * table is built once, on first use, and never changes after that. */
#define LEDE_TIME_KEY_MAX 16
#define LEDE_TIME_HASH_SEED 2166136261u
const LedeTimeLex *lede_time_lex_lookup (const char *key, gsize len, guint32 hash);

G_END_DECLS
