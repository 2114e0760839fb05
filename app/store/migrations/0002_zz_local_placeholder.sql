-- LOCAL PLACEHOLDER for transfer work: never commit; removed when the real 0002 lands.
SELECT 1;
