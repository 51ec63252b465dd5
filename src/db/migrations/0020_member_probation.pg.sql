-- member.probation_extended_to: the end of a 预备党员's extended 预备期 (DEV-EXTEND, approved by
-- the upper committee at 发展党员 step 24), so the roster's own 预备期 end and its overdue advisory
-- follow the extension; NULL when the 预备期 was not extended (the end is then joined_on plus
-- the months of DEV-PROB-END, as before).
ALTER TABLE member ADD COLUMN probation_extended_to TEXT;
