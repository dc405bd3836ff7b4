-- The questions a mapping file defines (the registered frame new_items), added to the catalogue under the
-- instrument 'custom' (made once), leaving any question the database already has as it is.
INSERT INTO instruments (instrument_id, name, short_name, construct, scored)
VALUES ('custom', 'Questions defined by a mapping', 'Custom', 'custom', false)
ON CONFLICT DO NOTHING;
INSERT INTO items (item_id, instrument_id, position, item_text, short_label, construct, response_type,
                   scale_min, scale_max, reverse_scored, favorable_min, favorable_max, higher_is_better)
SELECT item_id, instrument_id, position, item_text, coalesce(nullif(short_label, ''), item_text),
       construct, response_type, TRY_CAST(scale_min AS INTEGER), TRY_CAST(scale_max AS INTEGER),
       coalesce(TRY_CAST(reverse_scored AS BOOLEAN), false), TRY_CAST(favorable_min AS INTEGER),
       TRY_CAST(favorable_max AS INTEGER), TRY_CAST(higher_is_better AS BOOLEAN)
FROM new_items
ON CONFLICT (item_id) DO NOTHING;
