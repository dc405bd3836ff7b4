-- How many distinct values of incoming_raw (read.sql) the full parser would reject: a date not YYYY-MM-DD,
-- a session number not 1 to 10, an unknown status, minutes not a whole number up to a day, an empty or
-- malformed person, a row with no program, cohort, group or date and number. Every check runs on distinct
-- values, which are few except for people. 0: the file is clean.
-- $spellings: every status spelling the importer knows; $email: the pattern an e-mail must match.
SELECT (SELECT count(*) FROM (SELECT DISTINCT date FROM incoming_raw)
         WHERE date <> '' AND strftime(try_strptime(date, '%Y-%m-%d'), '%Y-%m-%d') IS DISTINCT FROM date)
     + (SELECT count(*) FROM (SELECT DISTINCT session_number FROM incoming_raw)
         WHERE session_number <> '' AND CAST(TRY_CAST(session_number AS INTEGER) AS VARCHAR) IS DISTINCT FROM
               session_number OR TRY_CAST(session_number AS INTEGER) NOT BETWEEN 1 AND 10)
     + (SELECT count(*) FROM (SELECT DISTINCT status FROM incoming_raw) WHERE NOT list_contains($spellings, status))
     + (SELECT count(*) FROM (SELECT DISTINCT minutes FROM incoming_raw)
         WHERE minutes <> '' AND (CAST(TRY_CAST(minutes AS UBIGINT) AS VARCHAR) IS DISTINCT FROM minutes
                                  OR TRY_CAST(minutes AS UBIGINT) > 1440))
     + (SELECT count(*) FROM (SELECT DISTINCT person FROM incoming_raw)
         WHERE person = '' OR (contains(person, '@') AND NOT regexp_full_match(person, $email)))
     + (SELECT count(*) FROM (SELECT DISTINCT program, cohort, "group", date = '' AND session_number = '' AS no_when
                              FROM incoming_raw) WHERE program = '' OR cohort = '' OR "group" = '' OR no_when);
