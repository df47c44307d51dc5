-- The jurisdiction node a registry row sits at, for its display (name, level, the names above it).
-- Joining jurisdiction_node directly under row-level security cannot use its path index (ltree
-- equality is not leakproof), so every listed row scanned the whole tree: 4 s for 3,580 matches
-- of a pinyin search at city scale. A row the caller can see sits at a node the caller can see,
-- and node names are public administrative names, so this lookup runs as the owner.
CREATE FUNCTION linli_node_at(p ltree) RETURNS TABLE (id uuid, name text, level text, path_names text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT n.id, n.name, n.level, n.path_names FROM jurisdiction_node n WHERE n.path = p
$$;
REVOKE ALL ON FUNCTION linli_node_at(ltree) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_node_at(ltree) TO linli_app;
