-- A staged person row keeps the registry's stored form of its secret fields, computed once while
-- staging (citizen ID and phone encrypted for their person columns, keyed hashes, masked forms,
-- pinyin keys), so the commit inserts people with one INSERT … SELECT from import_row and no
-- row passes through the application again. secret_enc stays for rows staged before.
ALTER TABLE import_row ADD COLUMN sealed jsonb;
