package publish

import "strings"

const (
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	reset  = "\x1b[0m"
)

// paint colors a CloudFormation or ECS status by what it means for the
// deploy: red for failure and rollback, green for done, yellow for work.
func paint(on bool, status string) string {
	if !on {
		return status
	}
	switch {
	case strings.Contains(status, "FAILED") || strings.Contains(status, "ROLLBACK"):
		return red + status + reset
	case strings.HasSuffix(status, "COMPLETE") || status == "COMPLETED":
		return green + status + reset
	case strings.HasSuffix(status, "IN_PROGRESS"):
		return yellow + status + reset
	}
	return status
}
