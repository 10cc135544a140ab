package main

// `runc create` tried again when it failed only because the container's cgroup
// could not be frozen in time. With cgroup v1 and systemd's cgroup driver
// (kind's nodes on a cgroup v1 machine, this project's CI among them) runc
// freezes the new container's cgroup while it sets the cgroup up, and gives up
// when the freeze takes longer than it waits; on a loaded machine a few pods of
// a long proof fail so ("error setting cgroup config for procHooks process:
// unable to freeze", kubernetes/kubernetes#131087). A pod that may not restart
// (restartPolicy Never, a Job's pod) then fails for good for a reason that is
// not the lab's: the test of a lab would fail at random. runc removes what the
// failed create made; the same create is sent again, a few times at most, and
// any other failure is returned as it came.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

// What runc writes (in its --log file) when the freeze did not happen in time.
const freezeFailure = "unable to freeze"

// Attempts of one create in all; the freeze waits a few seconds each time.
const createAttempts = 4

// Where each retry is written down, on the node: the wrapper's own stderr is the
// container's, so this file is how a test run tells whether a retry happened
// (test/kind/support/unsettled-diagnosis.ts prints it when a proof fails).
const defaultRetryLog = "/var/log/runc-nocap.log"

// createCommand says whether args are a `create` (then the index of the word
// `create`): the only subcommand tried again.
func createCommand(args []string) (int, bool) {
	i := subcommandAt(args)
	return i, i < len(args) && args[i] == "create"
}

// createWithRetries runs the create as a child (the wrapper stays to look at
// its failure) and returns the exit code to leave with.
func createWithRetries(runc string, args []string, at int) int {
	logFile := optionValue(args[:at], "--log", "--log")
	id := args[len(args)-1]
	files := standardFiles()
	for attempt := 1; ; attempt++ {
		before := sizeOf(logFile)
		code, err := runChild(runc, args, files)
		if err != nil {
			fmt.Fprintf(os.Stderr, "runc-nocap: %v\n", err)
			return 1
		}
		if code == 0 || attempt == createAttempts || !failedToFreeze(logFile, before) {
			if code != 0 && attempt > 1 {
				noteRetry(fmt.Sprintf("create %s: failed again after %d attempts (exit %d)", id, attempt, code))
			}
			return code
		}
		noteRetry(fmt.Sprintf("create %s: could not freeze the cgroup (attempt %d of %d), sent again", id, attempt, createAttempts))
		// Whatever the failed create left behind goes before the same id is made again.
		cleanup := exec.Command(runc, append(append([]string{}, args[:at]...), "delete", "--force", id)...)
		_ = cleanup.Run()
		time.Sleep(time.Duration(attempt) * 200 * time.Millisecond)
	}
}

// Standard input, output and error, as they are here (closed ones closed). Every
// other descriptor the wrapper was given reaches runc as it would through exec
// (the --preserve-fds ones, socket activation's): a child inherits what is not
// close-on-exec, and Go opens its own descriptors close-on-exec.
func standardFiles() []uintptr {
	files := make([]uintptr, 3)
	for fd := range files {
		var stat syscall.Stat_t
		if syscall.Fstat(fd, &stat) == nil {
			files[fd] = uintptr(fd)
		} else {
			files[fd] = ^uintptr(0)
		}
	}
	return files
}

func runChild(path string, args []string, files []uintptr) (int, error) {
	// The child dies with the thread that started it: kept on this one.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	pid, err := syscall.ForkExec(path, append([]string{path}, args...), &syscall.ProcAttr{
		Env:   os.Environ(),
		Files: files,
		// Killed with the wrapper (the shim gives up on a create that takes too long).
		Sys: &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL},
	})
	if err != nil {
		return 0, err
	}
	var status syscall.WaitStatus
	for {
		_, err = syscall.Wait4(pid, &status, 0, nil)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return 0, err
	}
	if status.Signaled() {
		return 128 + int(status.Signal()), nil
	}
	return status.ExitStatus(), nil
}

func sizeOf(path string) int64 {
	if path == "" {
		return 0
	}
	info, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return info.Size()
}

// failedToFreeze reads what runc wrote to its log during the attempt (a few
// lines: read whole, at most 64 KiB).
func failedToFreeze(path string, from int64) bool {
	if path == "" {
		return false
	}
	file, err := os.Open(path)
	if err != nil {
		return false
	}
	defer file.Close()
	written := make([]byte, 64*1024)
	n, _ := file.ReadAt(written, from)
	return bytes.Contains(written[:n], []byte(freezeFailure))
}

// noteRetry appends one line to the retry log; a log that cannot be written
// changes nothing for the container.
func noteRetry(line string) {
	path := os.Getenv("TP_RUNC_NOCAP_RETRY_LOG")
	if path == "" {
		path = defaultRetryLog
	}
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return
	}
	defer file.Close()
	fmt.Fprintf(file, "%s %s\n", time.Now().UTC().Format(time.RFC3339Nano), line)
}
