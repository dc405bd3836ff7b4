-- The responses a survey file replaces, with their answers.
-- $response_ids: the responses.
DELETE FROM answers WHERE list_contains($response_ids, response_id);
DELETE FROM responses WHERE list_contains($response_ids, response_id);
