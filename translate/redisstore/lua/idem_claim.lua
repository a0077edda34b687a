-- KEYS[1] record (hash: h request hash, s state r|d, t token, o orphan, r result),
-- KEYS[2] lease (SET NX PX: the holder's token while the lease lives).
-- ARGV[1] hash, ARGV[2] token, ARGV[3] lease ms, ARGV[4] window ms.
-- {1}: new; {2, result}: done; {3}: orphan; {-1}: conflict; {-2}: in progress.
local h = redis.call('HGET', KEYS[1], 'h')
if not h then
  redis.call('HSET', KEYS[1], 'h', ARGV[1], 's', 'r', 't', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
  return {1}
end
if h ~= ARGV[1] then return {-1} end
if redis.call('HGET', KEYS[1], 's') == 'd' then
  return {2, redis.call('HGET', KEYS[1], 'r')}
end
local holder = redis.call('GET', KEYS[2])
if holder == ARGV[2] then
  if redis.call('HGET', KEYS[1], 'o') == '1' then return {3} end
  return {1}
end
if holder then return {-2} end
redis.call('HSET', KEYS[1], 't', ARGV[2], 'o', '1')
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return {3}
