-- archive-floor.sql: the least `cxo export` must do, for tests/bench/run.sh:
-- the same rows and columns as the archive, one SELECT a table, printed by
-- `sqlite3 -json`.
SELECT id, key, name, role, industry, employees, status, start_date, end_date, budget_minutes,
 rate_cents, currency, tab_order FROM clients ORDER BY key;
SELECT client_id, legal_name, round_minutes, round_mode, round_scope, rollover_cap_minutes,
 overage_rate_cents FROM client_terms ORDER BY client_id;
SELECT client_id, last_day, previous_day FROM client_seen ORDER BY client_id;
SELECT client_id, id, note, started FROM timer;
SELECT client_id, id, title, area, status, due, measure, created FROM mandates
 ORDER BY client_id, created, id;
SELECT client_id, id, title, category, likelihood, impact, residual_likelihood, residual_impact,
 treatment, status, owner, mitigation, framework, review_date, accepted_until, opened, closed
 FROM risks ORDER BY client_id, opened, id;
SELECT client_id, id, mandate_id, risk_id, title, owner, waiting_for, due, status, waiting_since,
 done_on, created FROM actions ORDER BY client_id, created, id;
SELECT e.client_id, e.id, e.mandate_id, e.day, e.minutes, e.note, e.billable, e.created,
 s.service, s.source_key, s.start_time, s.end_time
 FROM time_entries e LEFT JOIN entry_sources s ON s.entry_id = e.id
 ORDER BY e.client_id, e.day, e.created, e.id;
SELECT n.client_id, n.id, n.body, n.created,
 EXISTS (SELECT 1 FROM note_shares h WHERE h.note_id = n.id) AS shared
 FROM notes n ORDER BY n.client_id, n.created, n.id;
SELECT client_id, month, invoice, locked FROM month_locks ORDER BY client_id, month;
SELECT client_id, at, kind, item_id, change, title FROM item_changes ORDER BY client_id, rowid;
