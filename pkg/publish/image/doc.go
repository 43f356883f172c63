// Package image builds the images a template needs and pushes them to
// ECR, pinned by digest.
//
// It is shaped like ko's build and publish packages: a Builder turns one
// image's declaration into a v1.Image (goPackage images with
// go-containerregistry alone, Dockerfile images with docker, podman or
// buildah) and a Publisher puts a v1.Image in a repository. Behaviour is
// added by wrapping these small interfaces, not by flags. Images runs
// both for every input of a template.
//
// It is apart from package publish, which deploys stacks and imports it
// for deploy's builds, so that `ecsgen build` runs in a program that does
// not link the AWS SDK's CloudFormation, ECS, EC2, ELB, S3 and CloudWatch
// Logs clients, whose package initialisation would make its start-up half
// as long again. Of AWS it calls ECR alone.
package image
