-- Complete, unlock or forget. KEYS[1] record, KEYS[2] lease.
-- ARGV[1] token, ARGV[2] "complete" | "unlock" | "forget", ARGV[3] result, ARGV[4] window ms.
-- 1: done; 0: the token does not hold the key.
if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[1], 's') == 'd' then return 1 end
if ARGV[2] == 'complete' then
  redis.call('HSET', KEYS[1], 's', 'd', 'r', ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('DEL', KEYS[2])
elseif ARGV[2] == 'unlock' then
  redis.call('HSET', KEYS[1], 'o', '1')
  redis.call('DEL', KEYS[2])
else
  redis.call('DEL', KEYS[1], KEYS[2])
end
return 1
