// runc-nocap runs runc after removing from a container's capabilities those
// that this process cannot grant (and, without CAP_SYS_RESOURCE, raising an
// oomScoreAdj that asks for less than this process's own, which the kernel
// would refuse). Some machines (this project's CI among them)
// lack CAP_SYS_RESOURCE in their capability bounding set, so runc refuses every
// privileged container ("unable to apply caps: operation not permitted"): kind
// nodes, and inside them privileged pods such as kube-proxy. Docker (on the
// host) and containerd (in the kind node image) are configured to call this
// wrapper instead of runc; it edits the OCI spec of `create`/`run` (the
// bundle's config.json) or the process file of `exec`, then execs runc with the
// same arguments (a `create` runs as a child, sent again when the cgroup could
// not be frozen: retry.go).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Where the real runc may be: the node image's own build first, then Debian's.
var runcCandidates = []string{"/usr/local/sbin/runc", "/usr/sbin/runc", "/usr/bin/runc"}

// runc's global options that take a value (the subcommand comes after them).
var globalWithValue = map[string]bool{"--root": true, "--log": true, "--log-format": true, "--criu": true, "--rootless": true}

func main() {
	runc, err := findRunc()
	if err != nil {
		fail(err)
	}
	if file, kind := specFile(os.Args[1:]); file != "" {
		if err := dropUngrantable(file, kind); err != nil {
			fail(err)
		}
	}
	if at, isCreate := createCommand(os.Args[1:]); isCreate {
		os.Exit(createWithRetries(runc, os.Args[1:], at))
	}
	args := append([]string{runc}, os.Args[1:]...)
	fail(syscall.Exec(runc, args, os.Environ()))
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "runc-nocap: %v\n", err)
	os.Exit(1)
}

func findRunc() (string, error) {
	// The tests give a stand-in runc (test/scripts/runc-nocap.test.ts).
	if given := os.Getenv("TP_RUNC_NOCAP_RUNC"); given != "" {
		return given, nil
	}
	self, _ := os.Executable()
	for _, candidate := range runcCandidates {
		if info, err := os.Stat(candidate); err == nil && !info.IsDir() && candidate != self {
			return candidate, nil
		}
	}
	return "", fmt.Errorf("no runc found in %s", strings.Join(runcCandidates, ", "))
}

// specFile finds the JSON file whose capabilities runc will apply: the
// bundle's config.json for create/run ("spec"), the --process file for exec
// ("process"). Other subcommands apply no capabilities.
func specFile(args []string) (string, string) {
	i := subcommandAt(args)
	if i >= len(args) {
		return "", ""
	}
	command, rest := args[i], args[i+1:]
	switch command {
	case "create", "run":
		bundle := optionValue(rest, "--bundle", "-b")
		if bundle == "" {
			bundle = "."
		}
		return filepath.Join(bundle, "config.json"), "spec"
	case "exec":
		if file := optionValue(rest, "--process", "-p"); file != "" {
			return file, "process"
		}
	}
	return "", ""
}

// subcommandAt is the index of the subcommand, after runc's global options
// (len(args) when there is none).
func subcommandAt(args []string) int {
	i := 0
	for i < len(args) && strings.HasPrefix(args[i], "-") {
		if globalWithValue[args[i]] {
			i++
		}
		i++
	}
	return i
}

func optionValue(args []string, long, short string) string {
	for i, arg := range args {
		if (arg == long || arg == short) && i+1 < len(args) {
			return args[i+1]
		}
		if value, ok := strings.CutPrefix(arg, long+"="); ok {
			return value
		}
	}
	return ""
}

func dropUngrantable(file, kind string) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	bounding, err := boundingSet()
	if err != nil {
		return err
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	process := doc
	if kind == "spec" {
		if doc["process"] == nil {
			return nil
		}
		if err := json.Unmarshal(doc["process"], &process); err != nil {
			return fmt.Errorf("%s: process: %w", file, err)
		}
	}
	changed := false
	if kind == "spec" && bounding&(1<<capabilityNumbers["CAP_SYS_RESOURCE"]) == 0 && process["oomScoreAdj"] != nil {
		var wanted int
		own, err := ownOomScoreAdj()
		if err != nil {
			return err
		}
		if json.Unmarshal(process["oomScoreAdj"], &wanted) == nil && wanted < own {
			process["oomScoreAdj"] = json.RawMessage(strconv.Itoa(own))
			changed = true
		}
	}
	var sets map[string][]string
	if process["capabilities"] != nil {
		if err := json.Unmarshal(process["capabilities"], &sets); err != nil {
			return fmt.Errorf("%s: capabilities: %w", file, err)
		}
	}
	for name, caps := range sets {
		kept := caps[:0:0]
		for _, capability := range caps {
			if number, known := capabilityNumbers[capability]; known && bounding&(1<<number) == 0 {
				changed = true
				continue
			}
			kept = append(kept, capability)
		}
		sets[name] = kept
	}
	if !changed {
		return nil
	}
	if sets != nil {
		if process["capabilities"], err = json.Marshal(sets); err != nil {
			return err
		}
	}
	if kind == "spec" {
		if doc["process"], err = json.Marshal(process); err != nil {
			return err
		}
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, 0o600)
}

// boundingSet reads this process's capability bounding set (CapBnd).
func boundingSet() (uint64, error) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if value, ok := strings.CutPrefix(line, "CapBnd:"); ok {
			return strconv.ParseUint(strings.TrimSpace(value), 16, 64)
		}
	}
	return 0, fmt.Errorf("no CapBnd line in /proc/self/status")
}

// ownOomScoreAdj is the lowest score this process may give its children.
func ownOomScoreAdj() (int, error) {
	raw, err := os.ReadFile("/proc/self/oom_score_adj")
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(raw)))
}

// The numbers of linux/capability.h.
var capabilityNumbers = map[string]uint{
	"CAP_CHOWN": 0, "CAP_DAC_OVERRIDE": 1, "CAP_DAC_READ_SEARCH": 2, "CAP_FOWNER": 3, "CAP_FSETID": 4,
	"CAP_KILL": 5, "CAP_SETGID": 6, "CAP_SETUID": 7, "CAP_SETPCAP": 8, "CAP_LINUX_IMMUTABLE": 9,
	"CAP_NET_BIND_SERVICE": 10, "CAP_NET_BROADCAST": 11, "CAP_NET_ADMIN": 12, "CAP_NET_RAW": 13,
	"CAP_IPC_LOCK": 14, "CAP_IPC_OWNER": 15, "CAP_SYS_MODULE": 16, "CAP_SYS_RAWIO": 17, "CAP_SYS_CHROOT": 18,
	"CAP_SYS_PTRACE": 19, "CAP_SYS_PACCT": 20, "CAP_SYS_ADMIN": 21, "CAP_SYS_BOOT": 22, "CAP_SYS_NICE": 23,
	"CAP_SYS_RESOURCE": 24, "CAP_SYS_TIME": 25, "CAP_SYS_TTY_CONFIG": 26, "CAP_MKNOD": 27, "CAP_LEASE": 28,
	"CAP_AUDIT_WRITE": 29, "CAP_AUDIT_CONTROL": 30, "CAP_SETFCAP": 31, "CAP_MAC_OVERRIDE": 32,
	"CAP_MAC_ADMIN": 33, "CAP_SYSLOG": 34, "CAP_WAKE_ALARM": 35, "CAP_BLOCK_SUSPEND": 36,
	"CAP_AUDIT_READ": 37, "CAP_PERFMON": 38, "CAP_BPF": 39, "CAP_CHECKPOINT_RESTORE": 40,
}
