package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeCmd is a command shown in README.md: in a console block, a line
// after "$ " with the output shown below it; elsewhere, a line starting
// "qrbridge " or "go run ", whose output is not shown. A trailing
// "# exit N" comment gives the exit status it must end with (0 otherwise).
type readmeCmd struct {
	line  int
	cmd   string
	want  string
	check bool // want is the output shown, to compare
	exit  int
}

var exitComment = regexp.MustCompile(`#\s*exit (\d+)`)

// readmeCommands extracts the commands of the README's shell code blocks
// (Go code blocks are skipped).
func readmeCommands(t *testing.T, path string) []readmeCmd {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var cmds []readmeCmd
	var inBlock, console, skip bool
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "```") {
			if inBlock = !inBlock; inBlock {
				lang := strings.TrimPrefix(line, "```")
				skip, console = lang == "go", lang == "console"
			}
			continue
		}
		switch {
		case !inBlock || skip:
		case strings.HasPrefix(line, "$ "):
			cmds = append(cmds, newReadmeCmd(n, line[2:], true))
		case console && len(cmds) > 0:
			cmds[len(cmds)-1].want += line + "\n"
		case !console && (strings.HasPrefix(line, "qrbridge ") || strings.HasPrefix(line, "go run ")):
			cmds = append(cmds, newReadmeCmd(n, line, false))
		}
	}
	require.NoError(t, sc.Err())
	return cmds
}

func newReadmeCmd(n int, cmd string, check bool) readmeCmd {
	c := readmeCmd{line: n, cmd: cmd, check: check}
	if m := exitComment.FindStringSubmatch(cmd); m != nil {
		c.exit, _ = strconv.Atoi(m[1])
	}
	return c
}

// TestREADME runs every command README.md shows, in order, with a
// freshly built qrbridge first on PATH: "qrbridge ..." commands in a
// scratch directory (so files they write persist from one command to the
// next), "go run ..." commands from the repository root with a timeout.
// A command must exit as shown and, in a console block, print exactly the
// output shown.
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs every README command; skipped with -short")
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "qrbridge"), ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	work := t.TempDir()
	path := "PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")

	cmds := readmeCommands(t, filepath.Join(root, "README.md"))
	require.NotEmpty(t, cmds)
	for _, c := range cmds {
		t.Run("README.md:"+strconv.Itoa(c.line), func(t *testing.T) {
			dir, timeout := work, 30*time.Second
			if strings.Contains(c.cmd, "go run ") {
				dir, timeout = root, 3*time.Minute
			}
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			sh := exec.CommandContext(ctx, "sh", "-c", c.cmd)
			sh.Dir, sh.Env = dir, append(os.Environ(), path)
			out, err := sh.CombinedOutput()
			code := sh.ProcessState.ExitCode()
			if ctx.Err() != nil {
				t.Fatalf("README.md line %d: %s\ndid not finish within %v", c.line, c.cmd, timeout)
			}
			if code != c.exit {
				t.Fatalf("README.md line %d: %s\nexited %d (%v), README says %d; output:\n%s", c.line, c.cmd, code, err, c.exit, out)
			}
			if c.check {
				assert.Equal(t, c.want, string(out), "README.md line %d: %s\nprints other output than the README shows", c.line, c.cmd)
			}
		})
	}
}

func TestReadmeCommandsExtracted(t *testing.T) {
	readme := filepath.Join(t.TempDir(), "README.md")
	require.NoError(t, os.WriteFile(readme, []byte("text qrbridge decode x\n"+
		"```sh\nqrbridge decode a   # exit 1\ngo run ./examples/parse\ngo test ./...\n```\n"+
		"```go\ngo run ./nope\n```\n"+
		"```console\n$ qrbridge lint b\nqrbridge lint: an error line\nsecond\n$ printf x | qrbridge decode -\n```\n"), 0o644))
	got := readmeCommands(t, readme)
	require.Len(t, got, 4)
	assert.Equal(t, readmeCmd{line: 3, cmd: "qrbridge decode a   # exit 1", exit: 1}, got[0])
	assert.Equal(t, readmeCmd{line: 4, cmd: "go run ./examples/parse"}, got[1])
	assert.Equal(t, readmeCmd{line: 11, cmd: "qrbridge lint b", want: "qrbridge lint: an error line\nsecond\n", check: true}, got[2])
	assert.Equal(t, readmeCmd{line: 14, cmd: "printf x | qrbridge decode -", check: true}, got[3])
}
