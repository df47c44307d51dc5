-- An estate (小区) is placed at its community, its buildings at the grids below it. A grid worker
-- saw the buildings of their grid but not the estate they stand in, so every address they were
-- shown lost the estate's name (the door-to-door survey listed "1栋" twice, two estates apart).
-- An estate is a place name and carries no personal data: it is now seen by whoever sees one of
-- its buildings (the sub-select is itself under the building's row-level security). Changing an
-- estate still needs the estate's own jurisdiction: the new policy is for SELECT only, and
-- permissive policies add to what is seen, not to what may be written.
CREATE POLICY estate_seen_from_its_buildings ON estate FOR SELECT
  USING (EXISTS (SELECT 1 FROM building b WHERE b.estate_id = estate.id));
