-- A survey file's answers (the registered frame ans): a number, or text (empty text is none).
INSERT INTO answers
SELECT response_id, item_id, CAST(value AS DOUBLE), nullif(CAST(text AS VARCHAR), '') FROM ans;
