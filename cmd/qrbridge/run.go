package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"
)

// Exit statuses.
const (
	exitOK      = 0
	exitRefused = 1 // an input was refused, or lint found error-severity findings
	exitUsage   = 2 // unknown subcommand, bad flag or wrong arguments
)

// errUsage marks a usage error: wrong subcommand, flags or arguments.
var errUsage = errors.New("usage")

// errReported marks a failure whose details were already written (a lint
// finding, a JSON error object, a batch line): run prints nothing more.
var errReported = errors.New("reported")

// env is what a subcommand reads and writes, and the outside world it may
// consult. Tests fill it in; main uses the process's own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// getenv reads an environment variable (NO_COLOR).
	getenv func(string) string
	// now is the wall clock, used only when --now is not given.
	now func() time.Time
	// maxLines, when positive, lowers the batch line limit (tests).
	maxLines int
	// newID, when set, makes quote IDs (tests); nil means random IDs.
	newID func() string
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string // the usage line, after "qrbridge "
	help    string // flags are appended from the flag set
	run     func(e env, c *command, args []string) error
}

// commands lists the subcommands in the order help shows them.
var commands []*command

func init() {
	commands = []*command{
		cmdDecode, cmdLint, cmdEncode, cmdRender, cmdScan, cmdDetect, cmdTranslate,
	}
}

// renamed maps the subcommands of earlier versions to their new names.
var renamed = map[string]string{"parse": "decode", "qr": "render"}

const usageSummary = "usage: qrbridge <command> [flags] [arguments]; run 'qrbridge help' for the commands"

// run executes the command line args and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, now: time.Now}
	return e.run(args)
}

func (e env) run(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, usageSummary)
		return exitUsage
	}
	switch args[0] {
	case "--version", "-version", "version":
		fmt.Fprintln(e.stdout, "qrbridge", version())
		return exitOK
	case "help", "--help", "-help", "-h":
		return e.help(args[1:])
	}
	c := lookup(args[0])
	if c == nil {
		msg := fmt.Sprintf("qrbridge: unknown command %q", args[0])
		if to, ok := renamed[args[0]]; ok {
			msg += fmt.Sprintf(" (renamed %q)", to)
		}
		fmt.Fprintf(e.stderr, "%s\n%s\n", msg, usageSummary)
		return exitUsage
	}
	return e.exit(c, c.run(e, c, args[1:]))
}

// exit reports err on standard error, as the subcommand's, and maps it to
// an exit status.
func (e env) exit(c *command, err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(e.stderr, "qrbridge %s: %v\nusage: qrbridge %s\nrun 'qrbridge help %s' for details\n",
			c.name, strings.TrimPrefix(err.Error(), "usage: "), c.usage, c.name)
		return exitUsage
	case errors.Is(err, errReported):
		return exitRefused
	}
	fmt.Fprintf(e.stderr, "qrbridge %s: %s\n", c.name, describe(err))
	return exitRefused
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// help prints the command list, or one command's help.
func (e env) help(args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(e.stdout, "qrbridge %s: payment QR codes from the command line\n\n", version())
		fmt.Fprintln(e.stdout, "usage: qrbridge <command> [flags] [arguments]")
		fmt.Fprintln(e.stdout, "\ncommands:")
		for _, c := range commands {
			fmt.Fprintf(e.stdout, "  %-10s %s\n", c.name, c.summary)
		}
		fmt.Fprint(e.stdout, "\nA payload argument of - is read from standard input. Exit status: 0 success,\n"+
			"1 input refused or error findings, 2 usage error. 'qrbridge help <command>' for more.\n")
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(e.stderr, "qrbridge help: unknown command %q\n%s\n", args[0], usageSummary)
		return exitUsage
	}
	return e.exit(c, c.run(e, c, []string{"--help"}))
}

// flags is a subcommand's flag set and its help text.
type flags struct {
	*flag.FlagSet
	help func()
}

// newFlags returns c's flag set: errors are returned rather than exiting,
// and -h or --help prints c's usage, help text and flags on standard
// output.
func (e env) newFlags(c *command) flags {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	help := func() {
		w := e.stdout
		fmt.Fprintf(w, "usage: qrbridge %s\n\n%s\n\nflags:\n", c.usage, strings.TrimSpace(c.help))
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return flags{fs, help}
}

// parse parses flags anywhere among args, as in "render PAYLOAD --png
// FILE": the standard flag package stops at the first argument that is not
// a flag, so parsing resumes after each one. "--" ends the flags. It
// returns the positional arguments.
func (fs flags) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.help()
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// version returns the module version the binary was built from:
// "v1.2.3" when installed with go install, "(devel)" in a checkout.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
