-- A request written by hand may name the date its answer is due (YYYY-MM-DD).
ALTER TABLE requests ADD COLUMN due_on TEXT;
