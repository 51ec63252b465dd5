-- 0016 placeholder: the attach branch's 0016_orglife_attach takes this number; its file replaces
-- this one when the branches are merged (this file only keeps the version sequence unbroken).
SELECT 1;
