/** The pipeline: a Project's Stages, Freight and Promotions run in-process as Kargo's controllers run them. */
package dev.kargo4j.core.pipeline;
