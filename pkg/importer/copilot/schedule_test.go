package copilot

import "testing"

func TestEventBridgeSchedule(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		err      bool
	}{
		{in: "@hourly", want: "cron(0 * * * ? *)"},
		{in: "@daily", want: "cron(0 0 * * ? *)"},
		{in: "@weekly", want: "cron(0 0 ? * 1 *)"},
		{in: "@every 2h", want: "rate(2 hours)"},
		{in: "@every 1h", want: "rate(1 hour)"},
		{in: "@every 1h30m", want: "rate(90 minutes)"},
		{in: "@every 48h", want: "rate(2 days)"},
		{in: "@every 30s", err: true},
		{in: "@every 90s", err: true},
		{in: "0 */2 * * *", want: "cron(0 */2 * * ? *)"},
		{in: "0 12 * * MON", want: "cron(0 12 ? * MON *)"},
		{in: "0 9 * * 1-5", want: "cron(0 9 ? * 2-6 *)"},
		{in: "0 9 * * 0,6", want: "cron(0 9 ? * 1,7 *)"},
		{in: "0 9 * * 7", want: "cron(0 9 ? * 1 *)"},
		{in: "0 9 * * 5-7", err: true},
		{in: "0 9 * * */2", err: true},
		{in: "0 9 1 * MON", err: true},
		{in: "0 9 * *", err: true},
		{in: "rate(5 minutes)", want: "rate(5 minutes)"},
		{in: "cron(0 9 ? * MON-FRI *)", want: "cron(0 9 ? * MON-FRI *)"},
		{in: "rate(1 hours)", err: true},
	} {
		got, err := eventBridgeSchedule(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("eventBridgeSchedule(%q) = %q, %v; want %q, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}
