package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit statuses.
const (
	exitOK       = 0
	exitRefused  = 1 // the input was refused, or lint found errors
	exitUsage    = 2
	usageSummary = "usage: qrbridge parse|lint|qr|decode [flags] <payload or file>"
)

// errUsage marks a usage error: wrong subcommand, flags or arguments.
var errUsage = errors.New("usage")

// env is what a subcommand reads and writes.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// run dispatches to a subcommand and maps its error to an exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprintln(stderr, usageSummary)
		return exitUsage
	}
	cmds := map[string]func(env, []string) error{
		"parse": cmdParse, "lint": cmdLint, "qr": cmdQR, "decode": cmdDecode,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "qrbridge: unknown command %q\n%s\n", args[0], usageSummary)
		return exitUsage
	}
	err := cmd(e, args[1:])
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		fmt.Fprintln(stderr, err)
		return exitUsage
	case errors.Is(err, errFindings):
		return exitRefused
	}
	fmt.Fprintln(stderr, err)
	return exitRefused
}

// payloadArg returns the single positional argument, reading standard
// input for "-", without its trailing newline.
func (e env) payloadArg(fs *flag.FlagSet) (string, error) {
	if fs.NArg() != 1 {
		return "", fmt.Errorf("%w: %s takes one payload argument", errUsage, fs.Name())
	}
	arg := fs.Arg(0)
	if arg != "-" {
		return arg, nil
	}
	b, err := io.ReadAll(io.LimitReader(e.stdin, 1<<20))
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// newFlags returns a flag set that reports errors instead of exiting.
func (e env) newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}
