-- Data completeness: sessions held with no attendance loaded, and survey waves with no responses
-- (computed when the data was written: completeness_facts in rollups.sql).
SELECT what, n FROM completeness_facts
