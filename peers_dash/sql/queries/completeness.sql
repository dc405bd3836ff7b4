-- Data completeness: sessions held with no attendance loaded, survey waves with no responses (computed when
-- the data was written: sql/rollups/completeness_facts.sql), and published cells whose newer data waits until
-- at least N people have changed (pub_held).
SELECT what, n FROM completeness_facts
UNION ALL
SELECT 'published figures keeping earlier numbers until enough people change (privacy)', count(*) FROM pub_held
