// Package publish deploys a template's stack: it fills its parameters,
// builds and pushes its images (with package image), creates and executes
// change sets, follows the stack's events and the services' rollouts, runs
// release and one-off tasks, and destroys the stack.
//
// Package publish and the packages under it are the only ones that call
// AWS, through interfaces the size of what they call.
package publish
