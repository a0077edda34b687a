package redisstore_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/qrbridge/qrbridge/translate/redisstore"
)

// server is a real redis-server started by a test on a free loopback
// port, with its files in a temporary directory, and stopped at the end of
// the test. It runs with the append-only file and, by default,
// appendfsync always, so that a killed and restarted server keeps every
// acknowledged write; fsync is the AOF fsync policy (always or everysec).
type server struct {
	t     testing.TB
	bin   string
	dir   string
	port  int
	fsync string
	cmd   *exec.Cmd
}

// startRedis starts a redis-server, or skips the test when none is
// installed, unless QRBRIDGE_REQUIRE_REDIS=1 makes that a failure.
func startRedis(t testing.TB) *server {
	t.Helper()
	return startRedisFsync(t, "always")
}

// startRedisFsync is startRedis with the given appendfsync policy.
func startRedisFsync(t testing.TB, fsync string) *server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("QRBRIDGE_REQUIRE_REDIS") == "1" {
			t.Fatal("redis-server not found and QRBRIDGE_REQUIRE_REDIS=1")
		}
		t.Skip("redis-server not found; install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) to run the Redis tests")
	}
	s := &server{t: t, bin: bin, dir: t.TempDir(), port: freePort(t), fsync: fsync}
	s.start()
	t.Cleanup(s.stop)
	return s
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func (s *server) addr() string { return "127.0.0.1:" + strconv.Itoa(s.port) }

func (s *server) start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin,
		"--port", strconv.Itoa(s.port), "--bind", "127.0.0.1", "--dir", s.dir,
		"--save", "", "--appendonly", "yes", "--appendfsync", s.fsync,
		"--enable-debug-command", "yes", "--logfile", filepath.Join(s.dir, "redis.log"))
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	c := redis.NewClient(&redis.Options{Addr: s.addr()})
	defer c.Close()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if c.Ping(context.Background()).Err() == nil {
			return
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(s.dir, "redis.log"))
			s.t.Fatalf("redis-server did not answer:\n%s", log)
		}
	}
}

// kill stops the server with SIGKILL, as a crash would.
func (s *server) kill() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
		s.cmd = nil
	}
}

func (s *server) stop() { s.kill() }

// client returns a go-redis client for the server, closed at the end of
// the test.
func (s *server) client() *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: s.addr(), ContextTimeoutEnabled: true, PoolSize: 64})
	s.t.Cleanup(func() { c.Close() })
	return c
}

var prefixes atomic.Int64

// quiet drops go-redis's log lines (dial failures while a test has the
// server down on purpose).
type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

func TestMain(m *testing.M) {
	redis.SetLogger(quiet{})
	os.Exit(m.Run())
}

// stores returns stores under a prefix of their own, so that subtests
// sharing one server start empty.
func (s *server) stores() redisstore.Stores {
	s.t.Helper()
	st, err := redisstore.New(s.client(), redisstore.Options{Prefix: fmt.Sprintf("test%d:", prefixes.Add(1))})
	if err != nil {
		s.t.Fatal(err)
	}
	return st
}
