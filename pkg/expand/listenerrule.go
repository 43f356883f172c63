package expand

// ListenerRule sends an application listener's requests that match its
// paths and hosts to its own target group. Priorities come from the model:
// given, or derived from the owner's name alone, so they never renumber.
type ListenerRule struct {
	Name        string
	Listener    *Listener
	Priority    int
	Paths       []string
	Hosts       []string
	TargetGroup *TargetGroup
}
