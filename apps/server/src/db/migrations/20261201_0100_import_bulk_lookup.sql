-- Import staging matches a whole chunk of rows at once: which of these citizen-ID hashes are
-- registered, and by whom only when that person is in the caller's scope (as
-- linli_person_by_id_hash does for one number).
CREATE FUNCTION linli_people_by_id_hashes(hs text[]) RETURNS TABLE (hash text, id uuid, name text, visible boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT ON (p.citizen_id_hash) p.citizen_id_hash, p.id, CASE WHEN linli_in_scope(p.path) THEN p.name ELSE '（其他辖区）' END, linli_in_scope(p.path)
    FROM person p WHERE p.citizen_id_hash = ANY (hs) AND p.status <> 'merged'
   ORDER BY p.citizen_id_hash
$$;
REVOKE ALL ON FUNCTION linli_people_by_id_hashes(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_people_by_id_hashes(text[]) TO linli_app;
