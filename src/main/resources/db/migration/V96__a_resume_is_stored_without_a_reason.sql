-- Resuming a paused trajectory asks for no reason, yet every resume was stored with OTHER because the column
-- wanted a code, and each reader had to know that this 'other' meant nothing (the record said "reden: Anders").
-- A change nobody gave a reason for now has none; the resumes stored before lose their stand-in, and so do the
-- proposals of a coach (from INTAKE to MATCHING), which gave no reason either (the export listed them as 'OTHER').
alter table trajectory_transition alter column reason_code drop not null;
update trajectory_transition set reason_code = null where from_status = 'PAUSED' and to_status = 'RUNNING';
update trajectory_transition set reason_code = null where from_status = 'INTAKE' and to_status = 'MATCHING';
