-- 0026: integrity (Zona Integritas).
-- A counter may pause (open, calling no one) with a reason from the list in
-- queue/lifecycle; the pause itself is recorded as counter.paused and
-- counter.resumed events, these columns only hold the current state so the
-- counter screen resumes paused after a restart.
ALTER TABLE counter_sessions ADD COLUMN paused_at TEXT;
ALTER TABLE counter_sessions ADD COLUMN pause_reason TEXT NOT NULL DEFAULT '';

-- The Zona Integritas questionnaires beside the IKM, in the same answer
-- row: IPK (Indeks Persepsi Kualitas Pelayanan, k1..k8) and IPAK (Indeks
-- Persepsi Anti Korupsi, a1..a5), each 1..4, NULL when not answered.
ALTER TABLE survey_answers ADD COLUMN k1 INTEGER CHECK (k1 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN k2 INTEGER CHECK (k2 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN k3 INTEGER CHECK (k3 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN k4 INTEGER CHECK (k4 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN k5 INTEGER CHECK (k5 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN k6 INTEGER CHECK (k6 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN k7 INTEGER CHECK (k7 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN k8 INTEGER CHECK (k8 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN a1 INTEGER CHECK (a1 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN a2 INTEGER CHECK (a2 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN a3 INTEGER CHECK (a3 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN a4 INTEGER CHECK (a4 BETWEEN 1 AND 4);
ALTER TABLE survey_answers ADD COLUMN a5 INTEGER CHECK (a5 BETWEEN 1 AND 4);
